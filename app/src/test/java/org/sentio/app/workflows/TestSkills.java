package org.sentio.app.workflows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.engine.TransientSkillException;
import org.sentio.automation.workflow.Step;

/** Small real skills for engine tests, loaded through the same ServiceLoader as the built-ins. */
final class TestSkills {
  /** How many times each "count" or "flaky" key ran, in this JVM. */
  static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();

  private TestSkills() {}

  static int runs(String key) {
    return RUNS.getOrDefault(key, 0);
  }

  /** Counts its runs under {@code key}. */
  public static final class Count implements Skill {
    @Override
    public String name() {
      return "count";
    }

    @Override
    public StepOutcome run(Step step, List<Item> input, SkillContext context) {
      RUNS.merge(step.text("key"), 1, Integer::sum);
      RUNS.put(step.text("key") + "-items", input.size());
      return StepOutcome.done(input);
    }
  }

  /** Emits one item per id in {@code sessions} (comma-separated), as an analysis would. */
  public static final class Emit implements Skill {
    @Override
    public String name() {
      return "emit";
    }

    @Override
    public StepOutcome run(Step step, List<Item> input, SkillContext context) {
      List<Item> items = new java.util.ArrayList<>();
      for (String id : step.text("sessions").split(",")) {
        items.add(new Item("/calls/" + id + ".mp4", Long.valueOf(id), id, Map.of()));
      }
      return StepOutcome.done(items);
    }
  }

  /** Fails transiently {@code failures} times under {@code key}, then succeeds. */
  public static final class Flaky implements Skill {
    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public StepOutcome run(Step step, List<Item> input, SkillContext context)
        throws TransientSkillException {
      int attempt = RUNS.merge(step.text("key"), 1, Integer::sum);
      if (attempt <= step.number("failures", 0)) {
        throw new TransientSkillException("disk busy (attempt " + attempt + ")");
      }
      return StepOutcome.done(input);
    }
  }

  /** Writes {@code name} into {@code folder}, recorded first so a rollback removes it. */
  public static final class WriteFile implements Skill {
    @Override
    public String name() {
      return "write-file";
    }

    @Override
    public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
      Path file = Path.of(step.text("folder")).resolve(step.text("name"));
      context.recordFile(file);
      Files.writeString(file, "written by run " + context.runId());
      return StepOutcome.done(input);
    }
  }

  /** A skill with a bug. */
  public static final class Explode implements Skill {
    @Override
    public String name() {
      return "explode";
    }

    @Override
    public StepOutcome run(Step step, List<Item> input, SkillContext context) {
      if ("error".equals(step.text("kind"))) {
        throw new NoClassDefFoundError("com/example/Missing");
      }
      throw new IllegalStateException("boom");
    }
  }
}
