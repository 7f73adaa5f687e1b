package org.sentio.app.workflows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
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
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * Everything a workflow runner needs in one owner: the session store, the workflow tables, the
 * skills (built in and from {@code <data>/plugins}), the models (loaded on first analysis) and the
 * engine. The CLI, the daemon and the tests make one and close it.
 */
public final class WorkflowRuntime implements SkillServices, AutoCloseable {
  private final SessionStore sessions;
  private final WorkflowRepository workflows;
  private final SkillRegistry skills;
  private final ModelRegistry models;
  private final DevicePreference device;
  private final PrintStream notices;
  private final WorkflowEngine engine;
  private Analyzers analyzers;

  private WorkflowRuntime(
      SessionStore sessions,
      WorkflowRepository workflows,
      SkillRegistry skills,
      ModelRegistry models,
      DevicePreference device,
      PrintStream notices,
      Clock clock,
      Sleeper sleeper) {
    this.sessions = sessions;
    this.workflows = workflows;
    this.skills = skills;
    this.models = models;
    this.device = device;
    this.notices = notices;
    this.engine = new WorkflowEngine(workflows, skills, this, clock, sleeper);
  }

  /**
   * Opens the stores in {@code dataDirectory} and loads the skills.
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
    SessionStore sessions = SessionStore.open(dataDirectory);
    WorkflowRepository workflows;
    try {
      workflows = WorkflowRepository.open(dataDirectory);
    } catch (StoreException e) {
      sessions.close();
      throw e;
    }
    SkillRegistry skills = SkillRegistry.load(SkillRegistry.pluginFolder(dataDirectory));
    for (String problem : skills.problems()) {
      notices.println("sentio: plug-in: " + problem);
    }
    return new WorkflowRuntime(
        sessions, workflows, skills, models, device, notices, clock, sleeper);
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
      OnnxHost host = OnnxHost.start(device, 0);
      analyzers = Analyzers.load(models, host);
    }
    return analyzers;
  }

  @Override
  public AnalysisOptions analysisOptions() {
    return AnalysisOptions.DEFAULT;
  }

  @Override
  public void notifyUser(String workflow, String message) {
    notices.println("sentio: notification: " + message);
  }

  @Override
  public synchronized void close() throws Exception {
    try (SessionStore s = sessions;
        WorkflowRepository w = workflows;
        SkillRegistry k = skills) {
      if (analyzers != null) {
        analyzers.close();
      }
    }
  }
}
