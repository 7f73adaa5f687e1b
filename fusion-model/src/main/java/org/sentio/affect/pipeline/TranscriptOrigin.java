package org.sentio.affect.pipeline;

/**
 * Where a session's transcript came from.
 *
 * @param source a file (or typed text) or speech recognition
 * @param model the speech model's name for {@link TranscriptSource#ASR}, else {@code null}
 * @param version the speech model's version for {@link TranscriptSource#ASR}, else {@code null}
 * @param language the language recognised for {@link TranscriptSource#ASR}, else {@code null}
 */
public record TranscriptOrigin(
    TranscriptSource source, String model, String version, String language) {
  public static final TranscriptOrigin FILE =
      new TranscriptOrigin(TranscriptSource.FILE, null, null, null);

  /** Words recognised by the named model. */
  public static TranscriptOrigin asr(String model, String version, String language) {
    return new TranscriptOrigin(TranscriptSource.ASR, model, version, language);
  }
}
