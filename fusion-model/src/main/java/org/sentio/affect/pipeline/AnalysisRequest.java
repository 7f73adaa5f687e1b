package org.sentio.affect.pipeline;

import java.nio.file.Path;

/**
 * What to analyse: a media file, a transcript, typed text, or a combination (a transcript and typed
 * text are not combined: give one of them).
 *
 * @param media the recording, or {@code null}
 * @param transcriptFile an SRT, WebVTT or plain-text transcript, or {@code null}
 * @param text text typed by the user (one utterance per line), or {@code null}
 * @param title the session's title
 * @param options analysis settings
 */
public record AnalysisRequest(
    Path media, Path transcriptFile, String text, String title, AnalysisOptions options) {

  public AnalysisRequest {
    if (media == null && transcriptFile == null && (text == null || text.isBlank())) {
      throw new IllegalArgumentException(
          "nothing to analyse: give a media file, a transcript or text");
    }
    if (transcriptFile != null && text != null) {
      throw new IllegalArgumentException("give either a transcript file or text, not both");
    }
  }
}
