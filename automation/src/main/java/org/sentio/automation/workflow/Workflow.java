package org.sentio.automation.workflow;

import java.util.List;
import java.util.Optional;

/**
 * A finite-state machine of steps: the first step is the start state, each step names the steps
 * that follow it, and a step with no successor ends the run.
 *
 * @param name unique name (letters, digits, dashes)
 * @param language the language it was written in ({@code en}, {@code zh-CN}) or {@code json}
 * @param sentence the words it was made from, or {@code null}
 * @param trigger what starts a run
 * @param steps the states, the first one being the start
 */
public record Workflow(
    String name, String language, String sentence, Trigger trigger, List<Step> steps) {
  public static final int MAX_STEPS = 15;

  public Workflow {
    steps = List.copyOf(steps);
  }

  public Optional<Step> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Workflow withName(String newName) {
    return new Workflow(newName, language, sentence, trigger, steps);
  }
}
