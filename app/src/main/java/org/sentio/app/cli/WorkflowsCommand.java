package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sentio.app.monitoring.AlertRules;
import org.sentio.app.monitoring.MeteredWorkflowStore;
import org.sentio.app.monitoring.Monitoring;
import org.sentio.app.monitoring.MonitoringSettings;
import org.sentio.app.monitoring.PrometheusEndpoint;
import org.sentio.app.store.StoreException;
import org.sentio.app.workflows.WorkflowChecks;
import org.sentio.app.workflows.WorkflowRuntime;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.SavedWorkflow;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.SkillRegistry;
import org.sentio.automation.engine.Sleeper;
import org.sentio.automation.engine.WorkflowEngine;
import org.sentio.automation.engine.WorkflowStoreException;
import org.sentio.automation.parse.ParseResult;
import org.sentio.automation.parse.WorkflowParser;
import org.sentio.automation.workflow.TriggerType;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowDescription;
import org.sentio.automation.workflow.WorkflowException;
import org.sentio.automation.workflow.WorkflowJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio workflows …}: automations written in plain words, run as state machines. */
@Command(
    name = "workflows",
    mixinStandardHelpOptions = true,
    description = {
      "Automations: say what to do in plain words (English or Simplified Chinese), check the"
          + " machine Sentio made of it, save it, and let the runner do it on schedule or when"
          + " new recordings arrive. See docs/workflows.md."
    },
    subcommands = {
      WorkflowsCommand.New.class,
      WorkflowsCommand.ListWorkflows.class,
      WorkflowsCommand.Show.class,
      WorkflowsCommand.RunNow.class,
      WorkflowsCommand.History.class,
      WorkflowsCommand.Pause.class,
      WorkflowsCommand.Resume.class,
      WorkflowsCommand.Delete.class,
      WorkflowsCommand.Reviews.class,
      WorkflowsCommand.Approve.class,
      WorkflowsCommand.Reject.class,
      WorkflowsCommand.Skills.class,
      WorkflowsCommand.Daemon.class
    })
public final class WorkflowsCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError(
        "workflows: say new, list, show, run, history, pause, resume, delete, reviews, approve,"
            + " reject, skills or daemon (see sentio workflows --help)");
  }

  static WorkflowRuntime open(CommonOptions common) throws UserError {
    return open(common, java.util.function.UnaryOperator.identity());
  }

  static WorkflowRuntime open(
      CommonOptions common,
      java.util.function.UnaryOperator<org.sentio.automation.engine.WorkflowStore> observe)
      throws UserError {
    try {
      return WorkflowRuntime.open(
          common.dataDirectory(),
          common.registry(),
          common.devicePreference(),
          System.err,
          Clock.systemUTC(),
          Sleeper.REAL,
          observe);
    } catch (StoreException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  static SavedWorkflow saved(WorkflowRuntime runtime, String name)
      throws UserError, WorkflowStoreException {
    return runtime.workflows().workflow(name).orElseThrow(() -> noWorkflow(name));
  }

  static UserError noWorkflow(String name) {
    return new UserError("no workflow named \"" + name + "\" (see sentio workflows list)");
  }

  /** {@code sentio workflows new "SENTENCE" [--dry-run] [--json]} or {@code --file F}. */
  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Make a workflow from a sentence (or a JSON file), show it in words and as a diagram, and"
            + " save it unless --dry-run.",
        "Exits 2 naming the words it did not understand, or what is missing."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:made (and saved)", "1:internal error", "2:not understood or not valid"})
  static final class New implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "SENTENCE", arity = "0..1", description = "What to do, in words.")
    String sentence;

    @Option(names = "--file", paramLabel = "FILE", description = "A workflow JSON file instead.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "The name (default: made up).")
    String name;

    @Option(names = "--dry-run", description = "Show the machine; do not save it.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the machine as JSON (sentio-workflow/1).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if ((sentence == null) == (file == null)) {
        throw new UserError("give a SENTENCE in quotes or --file FILE (one of them)");
      }
      Workflow workflow;
      List<String> unparsed = List.of();
      List<String> problems = new ArrayList<>();
      if (file != null) {
        String text;
        try {
          text = Files.readString(file);
        } catch (IOException e) {
          throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
          workflow = WorkflowJson.read(text, file.toString());
        } catch (WorkflowException e) {
          throw new UserError(e.getMessage(), e);
        }
      } else {
        ParseResult parsed = new WorkflowParser().parse(sentence);
        workflow = parsed.workflow();
        unparsed = parsed.unparsed();
        problems.addAll(parsed.problems());
      }
      if (name != null) {
        workflow = workflow.withName(name);
      }
      try (WorkflowRuntime runtime = open(common)) {
        problems.addAll(WorkflowChecks.problems(workflow, runtime.skills(), !dryRun));
        if (json) {
          System.out.println(WorkflowJson.write(WorkflowJson.toJson(workflow, unparsed, problems)));
        } else {
          System.out.print(
              WorkflowDescription.inWords(workflow, WorkflowChecks.schedule(workflow)));
          System.out.println();
          System.out.print(WorkflowDescription.mermaid(workflow));
        }
        if (!unparsed.isEmpty()) {
          throw new UserError(
              "not understood: \""
                  + String.join("\", \"", unparsed)
                  + "\"; say it with the phrases of docs/workflows.md, or write a JSON file");
        }
        if (!problems.isEmpty()) {
          throw new UserError(String.join("; ", problems));
        }
        if (dryRun) {
          return 0;
        }
        if (!runtime.workflows().saveWorkflow(workflow, Instant.now())) {
          throw new UserError(
              "a workflow named \""
                  + workflow.name()
                  + "\" exists: give --name, or sentio workflows delete "
                  + workflow.name());
        }
        System.out.println(
            "Saved workflow "
                + workflow.name()
                + (workflow.trigger().type() == TriggerType.MANUAL
                    ? "; run it with sentio workflows run " + workflow.name()
                    : "; the runner (sentio workflows daemon) starts it when due")
                + ".");
      }
      return 0;
    }
  }

  /** {@code sentio workflows list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List saved workflows.")
  static final class ListWorkflows implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      try (WorkflowRuntime runtime = open(common)) {
        List<SavedWorkflow> all = runtime.workflows().workflows();
        if (all.isEmpty()) {
          System.out.println("No workflows yet: sentio workflows new \"…\"");
        }
        for (SavedWorkflow saved : all) {
          Workflow workflow = saved.workflow();
          List<Run> last = runtime.workflows().runs(workflow.name(), 1);
          System.out.printf(
              "%-28s %-40s %s%s%n",
              workflow.name(),
              WorkflowChecks.trigger(workflow),
              saved.paused() ? "paused" : "active",
              last.isEmpty()
                  ? ""
                  : ", last run " + last.get(0).id() + " " + last.get(0).status().label());
        }
      }
      return 0;
    }
  }

  /** {@code sentio workflows show NAME}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a workflow in words and as a diagram.")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print it as JSON (sentio-workflow/1).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (WorkflowRuntime runtime = open(common)) {
        SavedWorkflow saved = saved(runtime, name);
        if (json) {
          System.out.println(WorkflowJson.write(saved.workflow()));
          return 0;
        }
        System.out.print(
            WorkflowDescription.inWords(
                saved.workflow(), WorkflowChecks.schedule(saved.workflow())));
        System.out.println(saved.paused() ? "  Paused." : "  Active.");
        System.out.println();
        System.out.print(WorkflowDescription.mermaid(saved.workflow()));
      }
      return 0;
    }
  }

  /** {@code sentio workflows run NAME}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run a workflow now, in this process, and print its history.")
  static final class RunNow implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      try (WorkflowRuntime runtime = open(common)) {
        saved(runtime, name);
        long run = runtime.engine().runNow(name);
        return printRun(runtime, run);
      }
    }
  }

  static int printRun(WorkflowRuntime runtime, long runId) throws WorkflowStoreException {
    Run run = runtime.workflows().run(runId).orElseThrow();
    System.out.println(
        "Run "
            + run.id()
            + " of "
            + run.workflow()
            + ": "
            + run.status().label()
            + (run.message() == null ? "" : " (" + run.message() + ")"));
    for (StepRun step : runtime.workflows().steps(runId)) {
      System.out.printf(
          "  step %-12s %-9s attempts %d%s%n",
          step.stepId(),
          step.status().name().toLowerCase(java.util.Locale.ROOT),
          step.attempts(),
          step.message() == null ? "" : "  " + step.message());
    }
    for (LogLine line : runtime.workflows().log(runId)) {
      System.out.println(
          "  "
              + line.at()
              + (line.stepId() == null ? "" : " [" + line.stepId() + "]")
              + " "
              + line.message());
    }
    return run.status() == RunStatus.FAILED || run.status() == RunStatus.ROLLED_BACK ? 1 : 0;
  }

  /** {@code sentio workflows history [NAME] [--run ID]}. */
  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "List runs (newest first), or one run's steps and history with --run.")
  static final class History implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME", arity = "0..1")
    String name;

    @Option(names = "--run", paramLabel = "ID", description = "Show one run in full.")
    Long run;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20")
    int limit;

    @Override
    public Integer call() throws Exception {
      try (WorkflowRuntime runtime = open(common)) {
        if (run != null) {
          if (runtime.workflows().run(run).isEmpty()) {
            throw new UserError("no run " + run + " (see sentio workflows history)");
          }
          printRun(runtime, run);
          return 0;
        }
        if (name != null) {
          saved(runtime, name);
        }
        for (Run r : runtime.workflows().runs(name, Math.max(1, limit))) {
          System.out.printf(
              "%6d  %-24s %-11s %s  %s%s%n",
              r.id(),
              r.workflow(),
              r.status().label(),
              r.startedAt(),
              r.trigger(),
              r.message() == null ? "" : "  " + r.message());
        }
      }
      return 0;
    }
  }

  /** {@code sentio workflows pause NAME}. */
  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop starting runs.")
  static final class Pause implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      return setPaused(common, name, true);
    }
  }

  /** {@code sentio workflows resume NAME}. */
  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Start runs again.")
  static final class Resume implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      return setPaused(common, name, false);
    }
  }

  static int setPaused(CommonOptions common, String name, boolean paused) throws Exception {
    try (WorkflowRuntime runtime = open(common)) {
      if (!runtime.workflows().setPaused(name, paused)) {
        throw noWorkflow(name);
      }
      if (!paused) {
        // Firings missed while paused are not made up for.
        runtime.workflows().setCheckedUpTo(name, Instant.now());
      }
    }
    System.out.println((paused ? "Paused " : "Resumed ") + name + ".");
    return 0;
  }

  /** {@code sentio workflows delete NAME}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a workflow and its run history (sessions and files it made stay).")
  static final class Delete implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      try (WorkflowRuntime runtime = open(common)) {
        if (!runtime.workflows().deleteWorkflow(name)) {
          throw noWorkflow(name);
        }
      }
      System.out.println("Deleted workflow " + name + ".");
      return 0;
    }
  }

  /** {@code sentio workflows reviews}. */
  @Command(
      name = "reviews",
      mixinStandardHelpOptions = true,
      description = "List the review steps waiting for a person.")
  static final class Reviews implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      try (WorkflowRuntime runtime = open(common)) {
        List<WorkflowEngine.PendingReview> pending = runtime.engine().pendingReviews();
        if (pending.isEmpty()) {
          System.out.println("Nothing waits for review.");
        }
        for (WorkflowEngine.PendingReview review : pending) {
          System.out.printf(
              "run %d  %-24s step %-10s waits for %s%n",
              review.runId(), review.workflow(), review.stepId(), review.question());
        }
      }
      return 0;
    }
  }

  /** {@code sentio workflows approve RUN [--keep IDS]}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description =
          "Approve a run's waiting review and continue the run here; --keep passes on only the"
              + " listed sessions (an edit).")
  static final class Approve implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "RUN")
    long run;

    @Option(
        names = "--step",
        paramLabel = "STEP",
        description = "The review step (default: the waiting one).")
    String step;

    @Option(
        names = "--keep",
        paramLabel = "IDS",
        description = "Session ids to pass on, e.g. 12,15.")
    String keep;

    @Option(names = "--note", paramLabel = "TEXT")
    String note;

    @Override
    public Integer call() throws Exception {
      return decide(common, run, step, keep == null ? Decision.APPROVE : Decision.EDIT, note, keep);
    }
  }

  /** {@code sentio workflows reject RUN}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Reject a run's waiting review: the steps after it do not run.")
  static final class Reject implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "RUN")
    long run;

    @Option(names = "--step", paramLabel = "STEP")
    String step;

    @Option(names = "--note", paramLabel = "TEXT")
    String note;

    @Override
    public Integer call() throws Exception {
      return decide(common, run, step, Decision.REJECT, note, null);
    }
  }

  static int decide(
      CommonOptions common, long run, String step, String verdict, String note, String keep)
      throws Exception {
    try (WorkflowRuntime runtime = open(common)) {
      String stepId = step;
      if (stepId == null) {
        stepId =
            runtime.engine().pendingReviews().stream()
                .filter(r -> r.runId() == run)
                .map(WorkflowEngine.PendingReview::stepId)
                .findFirst()
                .orElseThrow(
                    () ->
                        new UserError(
                            "run " + run + " waits for no review (see sentio workflows reviews)"));
      }
      try {
        runtime.engine().decide(new Decision(run, stepId, verdict, note, keep));
      } catch (WorkflowException e) {
        throw new UserError(e.getMessage(), e);
      }
      return printRun(runtime, run);
    }
  }

  /** {@code sentio workflows skills}. */
  @Command(
      name = "skills",
      mixinStandardHelpOptions = true,
      description = "List the skills: built in, and plug-ins from <data>/plugins/*.jar.")
  static final class Skills implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      try (WorkflowRuntime runtime = open(common)) {
        for (SkillRegistry.LoadedSkill skill : runtime.skills().skills()) {
          System.out.printf("%-12s %-16s %s%n", skill.name(), skill.version(), skill.source());
        }
        System.out.println("Plug-in folder: " + SkillRegistry.pluginFolder(common.dataDirectory()));
      }
      return 0;
    }
  }

  /** {@code sentio workflows daemon}. */
  @Command(
      name = "daemon",
      mixinStandardHelpOptions = true,
      description = {
        "The headless runner: every --interval seconds, resume unfinished runs and start the"
            + " runs that are due. Stop it with Ctrl-C (a run cut short resumes next time).",
        "docs/workflows.md has a systemd user unit and a Windows scheduled task for it."
      })
  static final class Daemon implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "30")
    long interval;

    @Option(names = "--once", description = "Look once and exit (for cron or a scheduled task).")
    boolean once;

    @Override
    public Integer call() throws Exception {
      if (interval < 1) {
        throw new UserError("--interval must be at least 1 second");
      }
      MonitoringSettings settings;
      try {
        settings = MonitoringSettings.load(common.dataDirectory());
      } catch (IOException e) {
        throw new UserError(e.getMessage(), e);
      }
      Monitoring monitoring = new Monitoring(Clock.systemUTC(), AlertRules.DEFAULT);
      monitoring.useFallbacks(settings.fallbacks());
      monitoring.onAlert(
          a ->
              System.err.println(
                  "sentio: alert: "
                      + (a.workflow() == null ? "" : a.workflow() + ": ")
                      + a.message()));
      MeteredWorkflowStore[] metered = new MeteredWorkflowStore[1];
      try (WorkflowRuntime runtime =
              open(common, store -> metered[0] = new MeteredWorkflowStore(store, monitoring));
          PrometheusEndpoint endpoint = endpoint(settings, monitoring)) {
        System.err.println(
            "sentio: workflow runner on "
                + common.dataDirectory()
                + (once ? "" : ", looking every " + interval + " s")
                + (endpoint == null
                    ? ""
                    : "; meters on http://127.0.0.1:" + endpoint.address().getPort() + "/metrics"));
        while (true) {
          metered[0].checkWatchedFolders();
          WorkflowEngine.Tick tick = runtime.engine().tick();
          for (long run : tick.resumed()) {
            System.out.println("resumed run " + run + ": " + status(runtime, run));
          }
          for (long run : tick.started()) {
            System.out.println("started run " + run + ": " + status(runtime, run));
          }
          for (String problem : tick.problems()) {
            System.err.println("sentio: " + problem);
          }
          if (once) {
            return 0;
          }
          Thread.sleep(Duration.ofSeconds(interval).toMillis());
        }
      }
    }

    /** The Prometheus endpoint when monitoring.properties turns it on, else null (no socket). */
    private static PrometheusEndpoint endpoint(MonitoringSettings settings, Monitoring monitoring)
        throws UserError {
      if (!settings.prometheus()) {
        return null;
      }
      try {
        return PrometheusEndpoint.start(monitoring, settings.port());
      } catch (IOException | IllegalArgumentException e) {
        throw new UserError(e.getMessage() + " (" + MonitoringSettings.FILE + ")", e);
      }
    }

    private static String status(WorkflowRuntime runtime, long run) throws WorkflowStoreException {
      Run r = runtime.workflows().run(run).orElseThrow();
      return r.workflow()
          + " "
          + r.status().label()
          + (r.message() == null ? "" : " (" + r.message() + ")");
    }
  }
}
