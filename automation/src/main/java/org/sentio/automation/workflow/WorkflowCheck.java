package org.sentio.automation.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a machine passes before it is shown as valid or saved: size (at most {@value
 * Workflow#MAX_STEPS} steps), well-formed transitions without cycles, every step reachable from the
 * start, no step repeating an earlier one, and every skill's needs met on every path.
 */
public final class WorkflowCheck {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

  private WorkflowCheck() {}

  /** Every problem of {@code workflow}, one line each; empty when it may be saved and run. */
  public static List<String> problems(Workflow workflow, Set<String> knownSkills) {
    List<String> problems = new ArrayList<>();
    if (workflow.name() == null || !NAME.matcher(workflow.name()).matches()) {
      problems.add(
          "name \""
              + workflow.name()
              + "\": use 1 to 64 letters, digits, dashes or underscores, starting with a letter"
              + " or digit");
    }
    checkTrigger(workflow.trigger(), problems);
    List<Step> steps = workflow.steps();
    if (steps.isEmpty()) {
      problems.add("no steps: say what to do, e.g. \"analyse the new recordings in ~/calls\"");
      return problems;
    }
    if (steps.size() > Workflow.MAX_STEPS) {
      problems.add(
          steps.size()
              + " steps: at most "
              + Workflow.MAX_STEPS
              + " per workflow, since more makes the machine's states and transitions explode"
              + " beyond what a person can check; split it into two workflows");
      return problems;
    }
    Map<String, Step> byId = new LinkedHashMap<>();
    for (Step step : steps) {
      if (step.id() == null || !ID.matcher(step.id()).matches()) {
        problems.add("step id \"" + step.id() + "\": use a letter, then letters, digits or dashes");
      } else if (byId.putIfAbsent(step.id(), step) != null) {
        problems.add("step id \"" + step.id() + "\" is used twice");
      }
      if (!knownSkills.contains(step.skill())) {
        problems.add(
            "step "
                + step.id()
                + ": unknown skill \""
                + step.skill()
                + "\" (known: "
                + String.join(", ", knownSkills.stream().sorted().toList())
                + ")");
      }
      BuiltInSkill.named(step.skill())
          .ifPresent(
              skill -> {
                for (String param : skill.requiredParams()) {
                  if (!step.params().containsKey(param)) {
                    problems.add("step " + step.id() + " (" + step.skill() + ") needs " + param);
                  }
                }
              });
    }
    for (Step step : steps) {
      for (String next : step.next()) {
        if (!byId.containsKey(next)) {
          problems.add("step " + step.id() + " leads to \"" + next + "\", which is not a step");
        }
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Optional<String> cycle = findCycle(steps.get(0).id(), byId);
    if (cycle.isPresent()) {
      problems.add(cycle.get());
      return problems;
    }
    Set<String> reachable = reachable(steps.get(0).id(), byId);
    for (Step step : steps) {
      if (!reachable.contains(step.id())) {
        problems.add(
            "step " + step.id() + " (" + step.skill() + ") is unreachable: no step leads to it");
      }
    }
    checkPaths(workflow, byId, reachable, problems);
    return problems;
  }

  private static void checkTrigger(Trigger trigger, List<String> problems) {
    if (trigger == null) {
      problems.add("no trigger: give schedule, watch or manual");
      return;
    }
    switch (trigger.type()) {
      case SCHEDULE -> {
        if (trigger.cron() == null || trigger.cron().isBlank()) {
          problems.add("a schedule trigger needs a cron expression");
        }
      }
      case WATCH -> {
        if (trigger.folder() == null || trigger.folder().isBlank()) {
          problems.add("a watch trigger needs a folder");
        }
      }
      case MANUAL -> {}
    }
  }

  /** A depth-first search; the first back edge names the cycle. */
  private static Optional<String> findCycle(String start, Map<String, Step> byId) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
    List<String> path = new ArrayList<>();
    return visit(start, byId, state, path);
  }

  private static Optional<String> visit(
      String id, Map<String, Step> byId, Map<String, Integer> state, List<String> path) {
    state.put(id, 1);
    path.add(id);
    for (String next : byId.get(id).next()) {
      Integer seen = state.get(next);
      if (seen != null && seen == 1) {
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
        loop.add(next);
        return Optional.of(
            "steps "
                + String.join(" → ", loop)
                + " form a cycle: a run must end, so no step may lead back to an earlier one");
      }
      if (seen == null) {
        Optional<String> found = visit(next, byId, state, path);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
    return Optional.empty();
  }

  private static Set<String> reachable(String start, Map<String, Step> byId) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(start));
    while (!todo.isEmpty()) {
      String id = todo.remove(todo.size() - 1);
      if (seen.add(id)) {
        todo.addAll(byId.get(id).next());
      }
    }
    return seen;
  }

  /**
   * Walks the acyclic machine in topological order carrying, per step, the steps that ran before it
   * on every path (the intersection over its predecessors): an analyse step must be among them
   * where sessions are needed, and a step equal to one of them is redundant.
   */
  private static void checkPaths(
      Workflow workflow, Map<String, Step> byId, Set<String> reachable, List<String> problems) {
    Map<String, Set<String>> before = new HashMap<>();
    Map<String, Integer> waiting = new HashMap<>();
    for (Step step : byId.values()) {
      if (reachable.contains(step.id())) {
        for (String next : step.next()) {
          waiting.merge(next, 1, Integer::sum);
        }
      }
    }
    String start = workflow.steps().get(0).id();
    before.put(start, new HashSet<>());
    List<String> ready = new ArrayList<>(List.of(start));
    while (!ready.isEmpty()) {
      String id = ready.remove(0);
      Step step = byId.get(id);
      Set<String> earlier = before.get(id);
      for (String previousId : earlier) {
        Step previous = byId.get(previousId);
        if (previous.skill().equals(step.skill()) && previous.params().equals(step.params())) {
          problems.add(
              "step "
                  + id
                  + " repeats step "
                  + previousId
                  + " ("
                  + step.skill()
                  + " with the same parameters): it is redundant");
          break;
        }
      }
      Optional<BuiltInSkill> builtIn = BuiltInSkill.named(step.skill());
      if (builtIn.isPresent() && builtIn.get().needsSessions()) {
        boolean analysed = earlier.stream().anyMatch(e -> byId.get(e).skill().equals("analyse"));
        if (!analysed) {
          problems.add(
              "step "
                  + id
                  + " ("
                  + step.skill()
                  + ") needs analysed sessions: put an analyse step before it on every path");
        }
      }
      if (builtIn.orElse(null) == BuiltInSkill.ANALYSE
          && step.params().get("folder") == null
          && workflow.trigger().type() != TriggerType.WATCH) {
        problems.add(
            "step "
                + id
                + " (analyse) needs a folder: say where the recordings are (\"in ~/calls\")"
                + " or watch a folder");
      }
      Set<String> after = new HashSet<>(earlier);
      after.add(id);
      for (String next : step.next()) {
        Set<String> known = before.get(next);
        if (known == null) {
          before.put(next, new HashSet<>(after));
        } else {
          known.retainAll(after);
        }
        if (waiting.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
  }
}
