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
 * @param recogniseSpeech whether words are recognised from the recording's speech when neither a
 *     transcript nor text is given
 * @param language the language spoken, which picks the speech model (e.g. {@code en}, {@code zh})
 * @param speakers how many people speak in the recording (1 to {@link #MAX_SPEAKERS}), or 0 to
 *     decide from the voices (at most {@link #MAX_SPEAKERS})
 */
public record AnalysisRequest(
    Path media,
    Path transcriptFile,
    String text,
    String title,
    AnalysisOptions options,
    boolean recogniseSpeech,
    String language,
    int speakers) {
  public static final String DEFAULT_LANGUAGE = "en";

  /** The most speakers a recording is split into. */
  public static final int MAX_SPEAKERS = 4;

  public AnalysisRequest {
    if (media == null && transcriptFile == null && (text == null || text.isBlank())) {
      throw new IllegalArgumentException(
          "nothing to analyse: give a media file, a transcript or text");
    }
    if (transcriptFile != null && text != null) {
      throw new IllegalArgumentException("give either a transcript file or text, not both");
    }
    language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
    if (speakers < 0 || speakers > MAX_SPEAKERS) {
      throw new IllegalArgumentException(
          "speakers: give 1 to " + MAX_SPEAKERS + " (0 decides), not " + speakers);
    }
  }

  /** A request whose number of speakers is decided from the voices. */
  public AnalysisRequest(
      Path media,
      Path transcriptFile,
      String text,
      String title,
      AnalysisOptions options,
      boolean recogniseSpeech,
      String language) {
    this(media, transcriptFile, text, title, options, recogniseSpeech, language, 0);
  }

  /** A request that recognises English speech when no transcript or text is given. */
  public AnalysisRequest(
      Path media, Path transcriptFile, String text, String title, AnalysisOptions options) {
    this(media, transcriptFile, text, title, options, true, DEFAULT_LANGUAGE);
  }

  /** Whether speech recognition applies: a recording, no words given, and not turned off. */
  public boolean wantsSpeechRecognition() {
    return recogniseSpeech
        && media != null
        && transcriptFile == null
        && (text == null || text.isBlank());
  }
}
