package org.sentio.automation.workflow;

import java.util.List;
import java.util.Optional;

/**
 * The skills Sentio ships, with what each needs before it can run. The dependency check uses the
 * needs; plug-in skills declare none and are only checked for reachability and repetition.
 */
public enum BuiltInSkill {
  /** Analyses the new recordings of a folder (or the watched folder) and stores the sessions. */
  ANALYSE("analyse", false, List.of()),
  /** Keeps the sessions whose windows meet a condition, e.g. angry for more than 30 seconds. */
  FILTER("filter", true, List.of("emotion", "minSeconds")),
  /** Writes a PDF or HTML report of each session and a summary into a folder. */
  REPORT("report", true, List.of("format", "folder")),
  /** Writes data exports (CSV, JSON, WebVTT, ELAN) into a folder. */
  EXPORT("export", true, List.of("format", "folder")),
  /** Compares each session's dominant emotion with the labels of a CSV file. */
  EVALUATE("evaluate", true, List.of("labels")),
  /** Tells the user on the desktop and in the run's history. */
  NOTIFY("notify", false, List.of()),
  /** Copies the sessions' recordings into a folder. */
  COPY("copy", true, List.of("folder")),
  /** Waits until a person approves, edits or rejects; a rejection ends the run. */
  REVIEW("review", false, List.of());

  private final String skillName;
  private final boolean needsSessions;
  private final List<String> requiredParams;

  BuiltInSkill(String skillName, boolean needsSessions, List<String> requiredParams) {
    this.skillName = skillName;
    this.needsSessions = needsSessions;
    this.requiredParams = requiredParams;
  }

  public String skillName() {
    return skillName;
  }

  /** True when an analyse step must run before this one on every path. */
  public boolean needsSessions() {
    return needsSessions;
  }

  public List<String> requiredParams() {
    return requiredParams;
  }

  public static Optional<BuiltInSkill> named(String name) {
    for (BuiltInSkill skill : values()) {
      if (skill.skillName.equals(name)) {
        return Optional.of(skill);
      }
    }
    return Optional.empty();
  }
}
