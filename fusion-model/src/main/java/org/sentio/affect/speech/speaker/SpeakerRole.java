package org.sentio.affect.speech.speaker;

import java.util.Locale;

/** The part a speaker plays in a service call. */
public enum SpeakerRole {
  AGENT,
  CUSTOMER;

  /** The lower-case name used in files and on screen: {@code agent}, {@code customer}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
