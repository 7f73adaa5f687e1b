package org.sentio.app.workflows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sentio.automation.engine.Folders;
import org.sentio.automation.engine.SkillRegistry;
import org.sentio.automation.schedule.CronSchedule;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.TriggerType;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowCheck;

/**
 * The checks a machine passes before it is saved, beyond the parser's: the machine's shape, the
 * schedule, and the folders it reads. The CLI and the desktop page ask the same questions.
 */
public final class WorkflowChecks {
  private WorkflowChecks() {}

  /**
   * What is wrong with {@code workflow}, one line each.
   *
   * @param folders also check that the folders it reads exist and are readable (when saving)
   */
  public static List<String> problems(Workflow workflow, SkillRegistry skills, boolean folders) {
    List<String> problems = new ArrayList<>(WorkflowCheck.problems(workflow, skills.names()));
    if (workflow.trigger().type() == TriggerType.SCHEDULE && workflow.trigger().cron() != null) {
      try {
        CronSchedule.of(workflow.trigger().cron(), workflow.trigger().zone(), Instant.now());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (folders) {
      for (String folder : foldersRead(workflow)) {
        try {
          Folders.readable(folder);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    }
    return problems;
  }

  /** The folders a workflow reads recordings from: the watched one and each analysis's. */
  public static List<String> foldersRead(Workflow workflow) {
    List<String> read = new ArrayList<>();
    if (workflow.trigger().folder() != null) {
      read.add(workflow.trigger().folder());
    }
    for (Step step : workflow.steps()) {
      if (step.skill().equals("analyse") && step.text("folder") != null) {
        read.add(step.text("folder"));
      }
    }
    return read;
  }

  /** The schedule in words (from the cron library), or null for no or a broken schedule. */
  public static String schedule(Workflow workflow) {
    if (workflow.trigger().type() != TriggerType.SCHEDULE) {
      return null;
    }
    try {
      return CronSchedule.of(workflow.trigger().cron(), workflow.trigger().zone(), Instant.now())
          .describe();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The trigger in a few words: {@code cron 0 10 * * 1 Europe/Berlin}, {@code watch DIR}. */
  public static String trigger(Workflow workflow) {
    return switch (workflow.trigger().type()) {
      case SCHEDULE ->
          "cron "
              + workflow.trigger().cron()
              + (workflow.trigger().zone() == null ? "" : " " + workflow.trigger().zone());
      case WATCH -> "watch " + workflow.trigger().folder();
      case MANUAL -> "by hand";
    };
  }
}
