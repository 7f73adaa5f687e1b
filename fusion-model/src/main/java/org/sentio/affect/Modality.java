package org.sentio.affect;

/** The channels an estimate can come from. */
public enum Modality {
  FACE("face"),
  VOICE("voice"),
  TEXT("text");

  private final String label;

  Modality(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
