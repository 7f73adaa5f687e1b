package org.sentio.automation.engine;

import java.util.List;
import org.sentio.automation.workflow.Step;

/**
 * A skill: what a step of a workflow does. Built-in skills and plug-ins (jars in the plug-in
 * folder, listed in {@code META-INF/services/org.sentio.automation.engine.Skill}) implement it.
 *
 * <p>A skill must be idempotent: a step interrupted by a crash runs again, with the outputs its
 * first attempt recorded ({@link SkillContext#earlierOutputs()}), and must not duplicate them.
 * Every file or session it creates is recorded through the context first, so a failed run can be
 * rolled back.
 */
public interface Skill {
  /** The name steps use, e.g. {@code analyse}; lower case letters, digits and dashes. */
  String name();

  /**
   * Runs the step.
   *
   * @param step the step with its parameters
   * @param input the items the previous steps produced
   * @throws TransientSkillException for a failure worth retrying (a busy disk, a locked file)
   * @throws Exception for any other failure: the step fails without retry
   */
  StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception;
}
