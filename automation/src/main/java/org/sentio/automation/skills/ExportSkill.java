package org.sentio.automation.skills;

import java.nio.file.Path;
import java.util.List;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.workflow.Step;
import org.sentio.reports.Format;

/** Writes CSV, JSON, WebVTT or ELAN exports of each session into a folder. */
public final class ExportSkill implements Skill {
  @Override
  public String name() {
    return "export";
  }

  @Override
  public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
    List<Path> written = SessionFiles.write(step, input, context, Format.exports());
    return StepOutcome.done(input, "wrote " + written.size() + " export file(s)");
  }
}
