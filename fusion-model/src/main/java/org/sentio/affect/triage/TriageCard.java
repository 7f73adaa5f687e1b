package org.sentio.affect.triage;

import java.util.List;

/**
 * The result: a level, the reasons, and the disclaimer that stands on the screen and in every
 * export.
 *
 * @param level 1 (resuscitation) … 5 (non-urgent)
 * @param contributions every reason, most urgent first
 */
public record TriageCard(int level, List<Contribution> contributions) {

  public static final String DISCLAIMER = "Decision support — not a diagnosis";
  public static final String DISCLAIMER_ZH = "辅助决策——并非诊断";

  private static final String[] NAMES = {
    "", "Resuscitation", "Emergent", "Urgent", "Less urgent", "Non-urgent"
  };
  private static final String[] NAMES_ZH = {"", "复苏", "危急", "紧急", "次紧急", "非紧急"};

  public String levelName() {
    return NAMES[level];
  }

  public String levelNameZh() {
    return NAMES_ZH[level];
  }

  /** The contributions that set the level. */
  public List<Contribution> decisive() {
    return contributions.stream().filter(c -> c.suggestedLevel() == level).toList();
  }

  public String disclaimer() {
    return DISCLAIMER;
  }
}
