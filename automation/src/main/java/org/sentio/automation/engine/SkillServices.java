package org.sentio.automation.engine;

import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.Analyzers;

/** What the host (CLI, desktop app, daemon) lends skills: sessions, models and the desktop. */
public interface SkillServices {
  SessionLibrary sessions();

  /** The loaded analyzers, loaded on first use and owned (closed) by the host. */
  Analyzers analyzers() throws Exception;

  AnalysisOptions analysisOptions();

  /** Tells the user; the message is also written to the run's history by the engine. */
  void notifyUser(String workflow, String message);
}
