package org.sentio.automation.skills;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.SkillException;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.workflow.Step;

/**
 * Waits for a person: approve passes every session on, edit passes on the sessions the person kept,
 * reject ends the run.
 */
public final class ReviewSkill implements Skill {
  @Override
  public String name() {
    return "review";
  }

  @Override
  public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
    if (context.decision().isEmpty()) {
      String named = step.text("approver");
      String approver =
          named == null ? "a person" : named.equals("me") ? "you" : "a " + named; // a supervisor
      String sessions =
          input.stream()
              .map(i -> i.sessionId() == null ? i.file() : "session " + i.sessionId())
              .collect(Collectors.joining(", "));
      return StepOutcome.waitFor(
          approver + " to approve " + (sessions.isEmpty() ? "the run" : sessions));
    }
    Decision decision = context.decision().get();
    return switch (decision.verdict()) {
      case Decision.APPROVE -> StepOutcome.done(input, "approved");
      case Decision.REJECT ->
          StepOutcome.rejected(
              "rejected" + (decision.note() == null ? "" : ": " + decision.note()));
      case Decision.EDIT -> {
        Set<Long> keep =
            Arrays.stream(String.valueOf(decision.keep()).split("[,\\s]+"))
                .filter(s -> s.matches("\\d+"))
                .map(Long::valueOf)
                .collect(Collectors.toSet());
        List<Item> kept = input.stream().filter(i -> keep.contains(i.sessionId())).toList();
        yield StepOutcome.done(kept, "edited: kept " + kept.size() + " of " + input.size());
      }
      default -> throw new SkillException("unknown decision \"" + decision.verdict() + "\"");
    };
  }
}
