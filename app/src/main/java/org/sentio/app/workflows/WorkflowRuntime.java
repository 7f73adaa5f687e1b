package org.sentio.app.workflows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.WorkflowRepository;
import org.sentio.automation.engine.SessionLibrary;
import org.sentio.automation.engine.SkillRegistry;
import org.sentio.automation.engine.SkillServices;
import org.sentio.automation.engine.Sleeper;
import org.sentio.automation.engine.WorkflowEngine;
import org.sentio.automation.engine.WorkflowStore;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * Everything a workflow runner needs in one owner: the session store, the workflow tables, the
 * skills (built in and from {@code <data>/plugins}), the models (loaded on first analysis) and the
 * engine. The CLI, the daemon and the tests make one with {@link #open} and close it; the desktop
 * app makes one with {@link #openShared} over the store and models it already owns.
 */
public final class WorkflowRuntime implements SkillServices, AutoCloseable {
  /** Where a workflow's notify step (and the runtime's own notices) go. */
  @FunctionalInterface
  public interface Notifier {
    void notify(String workflow, String message);
  }

  private final SessionStore sessions;
  private final boolean ownsSessions;
  private final WorkflowRepository workflows;
  private final SkillRegistry skills;
  private final Callable<Analyzers> analyzerSource;
  private final boolean ownsAnalyzers;
  private final Supplier<AnalysisOptions> options;
  private final Notifier notifier;
  private final WorkflowEngine engine;
  private Analyzers analyzers;

  private WorkflowRuntime(
      SessionStore sessions,
      boolean ownsSessions,
      WorkflowRepository workflows,
      SkillRegistry skills,
      Callable<Analyzers> analyzerSource,
      boolean ownsAnalyzers,
      Supplier<AnalysisOptions> options,
      Notifier notifier,
      UnaryOperator<WorkflowStore> observe,
      Clock clock,
      Sleeper sleeper) {
    this.sessions = sessions;
    this.ownsSessions = ownsSessions;
    this.workflows = workflows;
    this.skills = skills;
    this.analyzerSource = analyzerSource;
    this.ownsAnalyzers = ownsAnalyzers;
    this.options = options;
    this.notifier = notifier;
    this.engine = new WorkflowEngine(observe.apply(workflows), skills, this, clock, sleeper);
  }

  /**
   * Opens the stores in {@code dataDirectory} and loads the skills; the models are loaded on the
   * first analysis and closed with the runtime.
   *
   * @param notices where notifications and plug-in problems are printed
   */
  public static WorkflowRuntime open(
      Path dataDirectory,
      ModelRegistry models,
      DevicePreference device,
      PrintStream notices,
      Clock clock,
      Sleeper sleeper)
      throws StoreException {
    return open(dataDirectory, models, device, notices, clock, sleeper, UnaryOperator.identity());
  }

  /**
   * As {@link #open(Path, ModelRegistry, DevicePreference, PrintStream, Clock, Sleeper)}, with the
   * workflow store the engine writes to wrapped by {@code observe} (to measure it).
   */
  public static WorkflowRuntime open(
      Path dataDirectory,
      ModelRegistry models,
      DevicePreference device,
      PrintStream notices,
      Clock clock,
      Sleeper sleeper,
      UnaryOperator<WorkflowStore> observe)
      throws StoreException {
    SessionStore sessions = SessionStore.open(dataDirectory);
    WorkflowRepository workflows;
    try {
      workflows = WorkflowRepository.open(dataDirectory);
    } catch (StoreException e) {
      sessions.close();
      throw e;
    }
    SkillRegistry skills = loadSkills(dataDirectory, notices);
    return new WorkflowRuntime(
        sessions,
        true,
        workflows,
        skills,
        () -> Analyzers.load(models, OnnxHost.start(device, 0)),
        true,
        () -> AnalysisOptions.DEFAULT,
        (workflow, message) -> notices.println("sentio: notification: " + message),
        observe,
        clock,
        sleeper);
  }

  /**
   * Opens the workflow tables beside a session store that the caller keeps open, with models the
   * caller owns (the desktop app's): closing the runtime closes neither.
   *
   * @param analyzers the caller's loaded models (loaded on first use)
   * @param options the analysis settings in force when a step analyses
   * @param notifier where notify steps and plug-in problems go
   * @param observe wraps the workflow store the engine writes to (to measure it)
   */
  public static WorkflowRuntime openShared(
      SessionStore sessions,
      Path dataDirectory,
      Callable<Analyzers> analyzers,
      Supplier<AnalysisOptions> options,
      Notifier notifier,
      UnaryOperator<WorkflowStore> observe,
      Clock clock,
      Sleeper sleeper)
      throws StoreException {
    WorkflowRepository workflows = WorkflowRepository.open(dataDirectory);
    SkillRegistry skills = SkillRegistry.load(SkillRegistry.pluginFolder(dataDirectory));
    for (String problem : skills.problems()) {
      notifier.notify(null, "plug-in: " + problem);
    }
    return new WorkflowRuntime(
        sessions, false, workflows, skills, analyzers, false, options, notifier, observe, clock,
        sleeper);
  }

  private static SkillRegistry loadSkills(Path dataDirectory, PrintStream notices) {
    SkillRegistry skills = SkillRegistry.load(SkillRegistry.pluginFolder(dataDirectory));
    for (String problem : skills.problems()) {
      notices.println("sentio: plug-in: " + problem);
    }
    return skills;
  }

  public WorkflowEngine engine() {
    return engine;
  }

  public WorkflowRepository workflows() {
    return workflows;
  }

  public SkillRegistry skills() {
    return skills;
  }

  public SessionStore sessionStore() {
    return sessions;
  }

  @Override
  public SessionLibrary sessions() {
    return new StoreSessionLibrary(sessions);
  }

  @Override
  public synchronized Analyzers analyzers() throws Exception {
    if (analyzers == null) {
      analyzers = analyzerSource.call();
    }
    return analyzers;
  }

  @Override
  public AnalysisOptions analysisOptions() {
    return options.get();
  }

  @Override
  public void notifyUser(String workflow, String message) {
    notifier.notify(workflow, message);
  }

  @Override
  public synchronized void close() throws Exception {
    try (WorkflowRepository w = workflows;
        SkillRegistry k = skills) {
      if (ownsAnalyzers && analyzers != null) {
        analyzers.close();
      }
    } finally {
      if (ownsSessions) {
        sessions.close();
      }
    }
  }
}
