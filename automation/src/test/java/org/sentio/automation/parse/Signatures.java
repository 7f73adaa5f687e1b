package org.sentio.automation.parse;

import java.util.stream.Collectors;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Trigger;
import org.sentio.automation.workflow.Workflow;

/** A one-line picture of a machine, so that a table of sentences can state what each must give. */
final class Signatures {
  private Signatures() {}

  static String of(Workflow workflow) {
    Trigger t = workflow.trigger();
    String trigger =
        switch (t.type()) {
          case SCHEDULE -> "schedule " + t.cron() + (t.zone() == null ? "" : " " + t.zone());
          case WATCH -> "watch " + t.folder();
          case MANUAL -> "manual";
        };
    return trigger
        + " | "
        + workflow.steps().stream().map(Signatures::step).collect(Collectors.joining(" > "));
  }

  private static String step(Step step) {
    if (step.params().isEmpty()) {
      return step.skill();
    }
    return step.skill()
        + step.params().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(",", "{", "}"));
  }
}
