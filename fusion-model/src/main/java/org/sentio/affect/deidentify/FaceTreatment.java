package org.sentio.affect.deidentify;

/** What a de-identified video shows where a face was. */
public enum FaceTreatment {
  /** The face region reduced to a smooth 6×6 grid of colours. */
  BLUR,
  /** The face region painted grey with its six landmarks drawn on it. */
  LANDMARKS
}
