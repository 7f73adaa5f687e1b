package org.sentio.affect.pipeline;

import java.util.Locale;

/** What part a speaker plays in a call. Set by a rule, corrected by a person. */
public enum SpeakerRole {
  AGENT,
  CUSTOMER;

  /** The name used in files and the store: {@code agent} or {@code customer}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code id} ({@code agent} or {@code customer}). */
  public static SpeakerRole of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
