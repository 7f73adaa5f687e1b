package org.sentio.affect.pipeline;

import java.util.Locale;

/** Where a transcript's words came from. */
public enum TranscriptSource {
  /** Given by the user: a transcript file or typed text. */
  FILE,
  /** Recognised from the recording's speech by a speech model. */
  ASR;

  /** The name used in files and the store: {@code file} or {@code asr}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source named {@code id} ({@code file} or {@code asr}). */
  public static TranscriptSource of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
