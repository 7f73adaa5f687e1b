package org.sentio.automation.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sentio.automation.parse.WorkflowParser;

class WorkflowCheckTest {
  private static final Set<String> SKILLS =
      Arrays.stream(BuiltInSkill.values()).map(BuiltInSkill::skillName).collect(Collectors.toSet());

  private static Step step(String id, String skill, Map<String, Object> params, String... next) {
    return new Step(id, skill, params, List.of(next), ErrorPolicy.DEFAULT);
  }

  private static Workflow workflow(Step... steps) {
    return new Workflow("w", "json", null, Trigger.MANUAL, List.of(steps));
  }

  private static final Map<String, Object> CALLS = Map.of("folder", "/calls");

  @Test
  void theIssuesExampleMachinePasses() {
    Workflow parsed =
        new WorkflowParser()
            .parse(
                "every Monday at 10:00 analyse the new recordings in ~/calls, report the calls"
                    + " where the customer was angry for more than 30 seconds, and write a PDF"
                    + " summary to ~/reports")
            .workflow();
    assertEquals(List.of(), WorkflowCheck.problems(parsed, SKILLS));
  }

  @Test
  void moreThanFifteenStepsIsRefusedAsStateExplosion() {
    List<Step> steps = new ArrayList<>();
    steps.add(step("s0", "analyse", CALLS, "s1"));
    for (int i = 1; i < 15; i++) {
      steps.add(step("s" + i, "notify", Map.of("to", "person " + i), "s" + (i + 1)));
    }
    steps.add(step("s15", "notify", Map.of("to", "person 15")));
    List<String> problems = WorkflowCheck.problems(workflow(steps.toArray(Step[]::new)), SKILLS);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("16 steps: at most 15"), problems.get(0));
    assertTrue(problems.get(0).contains("explode"));
  }

  @Test
  void anUnreachableStepIsFound() {
    List<String> problems =
        WorkflowCheck.problems(
            workflow(
                step("analyse", "analyse", CALLS, "notify"),
                step("notify", "notify", Map.of()),
                step("copy", "copy", Map.of("folder", "/x"))),
            SKILLS);
    assertEquals(List.of("step copy (copy) is unreachable: no step leads to it"), problems);
  }

  @Test
  void aRepeatedStepIsRedundant() {
    List<String> problems =
        WorkflowCheck.problems(
            workflow(
                step("analyse", "analyse", CALLS, "notify"),
                step("notify", "notify", Map.of("to", "me"), "notify-2"),
                step("notify-2", "notify", Map.of("to", "me"))),
            SKILLS);
    assertEquals(
        List.of(
            "step notify-2 repeats step notify (notify with the same parameters): it is redundant"),
        problems);
  }

  @Test
  void aStepNeedingSessionsMustFollowAnAnalysisOnEveryPath() {
    List<String> problems =
        WorkflowCheck.problems(
            workflow(
                step("review", "review", Map.of(), "analyse", "report"),
                step("analyse", "analyse", CALLS, "report"),
                step("report", "report", Map.of("format", "pdf", "folder", "/r"))),
            SKILLS);
    assertEquals(
        List.of(
            "step report (report) needs analysed sessions: put an analyse step before it on every"
                + " path"),
        problems);
  }

  @Test
  void aCycleIsRefused() {
    List<String> problems =
        WorkflowCheck.problems(
            workflow(
                step("analyse", "analyse", CALLS, "notify"),
                step("notify", "notify", Map.of(), "analyse")),
            SKILLS);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("analyse → notify → analyse"), problems.get(0));
  }

  @Test
  void unknownSkillsMissingParametersAndDanglingTransitionsAreNamed() {
    List<String> problems =
        WorkflowCheck.problems(
            workflow(
                step("analyse", "analyse", CALLS, "fax"),
                step("fax", "fax", Map.of(), "nowhere"),
                step("copy", "copy", Map.of())),
            SKILLS);
    assertTrue(problems.get(0).startsWith("step fax: unknown skill \"fax\""), problems::toString);
    assertEquals("step copy (copy) needs folder", problems.get(1));
    assertEquals("step fax leads to \"nowhere\", which is not a step", problems.get(2));
  }

  @Test
  void anAnalysisWithoutAFolderNeedsAWatchedFolder() {
    Workflow manual = workflow(step("analyse", "analyse", Map.of()));
    assertTrue(WorkflowCheck.problems(manual, SKILLS).get(0).contains("needs a folder"));
    Workflow watched = new Workflow("w", "en", null, Trigger.watch("/calls"), manual.steps());
    assertEquals(List.of(), WorkflowCheck.problems(watched, SKILLS));
  }
}
