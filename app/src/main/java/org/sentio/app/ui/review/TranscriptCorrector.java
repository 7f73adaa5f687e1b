package org.sentio.app.ui.review;

import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.TranscriptCorrection;

/** Re-reads a session after a person corrects one utterance's text (the engine's text model). */
@FunctionalInterface
public interface TranscriptCorrector {
  /**
   * @throws IllegalArgumentException when the text is blank or there is no such utterance
   * @throws Exception when the models fail
   */
  TranscriptCorrection.Corrected correct(SessionResult session, int index, String text)
      throws Exception;
}
