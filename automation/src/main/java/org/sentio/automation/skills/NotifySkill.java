package org.sentio.automation.skills;

import java.util.List;
import java.util.stream.Collectors;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.workflow.Step;

/** Tells the user what the run found, on the desktop (by the host) and in the history. */
public final class NotifySkill implements Skill {
  @Override
  public String name() {
    return "notify";
  }

  @Override
  public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
    String to = step.text("to") == null ? "me" : step.text("to");
    String sessions =
        input.stream()
            .filter(i -> i.sessionId() != null)
            .map(i -> i.title() + " (session " + i.sessionId() + ")")
            .collect(Collectors.joining(", "));
    String message =
        "workflow "
            + context.workflow().name()
            + ": "
            + input.size()
            + " session(s)"
            + (sessions.isEmpty() ? "" : ": " + sessions);
    context.services().notifyUser(context.workflow().name(), message);
    return StepOutcome.done(input, "notified " + to + ": " + message);
  }
}
