package org.sentio.affect;

/** Why a modality gave no estimate for a window. */
public enum AbsenceReason {
  NO_FACE("no face"),
  NO_SPEECH("no speech"),
  NO_TEXT("no text"),
  UNREADABLE("unreadable");

  private final String label;

  AbsenceReason(String label) {
    this.label = label;
  }

  /** The words shown to users and written to exports, e.g. "no face". */
  public String label() {
    return label;
  }
}
