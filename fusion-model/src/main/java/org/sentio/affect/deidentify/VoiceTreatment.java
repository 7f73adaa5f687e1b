package org.sentio.affect.deidentify;

/** What a de-identified recording keeps of the voice. */
public enum VoiceTreatment {
  /**
   * Pitch and formants shifted together by one factor, duration kept: FFmpeg's {@code
   * asetrate,aresample,atempo}.
   */
  SHIFT,
  /** No sound at all; the voice survives only as the session's per-window voice features. */
  REMOVE
}
