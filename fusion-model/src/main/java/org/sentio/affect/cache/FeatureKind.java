package org.sentio.affect.cache;

import java.util.Locale;

/** What a cache entry holds; each kind is keyed by the models and settings that feed it alone. */
public enum FeatureKind {
  /** How far the media decoded and why it stopped early, if it did: no model feeds it. */
  STREAM,
  /** Every analysed frame's faces: the face detector, verifier and expression models feed it. */
  FACE,
  /** Voice activity per frame and the voice estimate per window: the VAD and voice models. */
  VOICE,
  /** The recognised words: the speech model of the language. */
  WORDS,
  /** Each utterance's speaker: the words and the speaker model. */
  SPEAKERS;

  /** The name used in the index file and printed by {@code sentio cache stats}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code id}. */
  public static FeatureKind of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
