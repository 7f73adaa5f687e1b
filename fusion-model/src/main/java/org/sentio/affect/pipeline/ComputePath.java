package org.sentio.affect.pipeline;

/** Which route the analysis takes; both give the same per-window results (a test checks it). */
public enum ComputePath {
  /** The optimised route, the default. */
  FAST,
  /**
   * The unoptimised route the fast one is checked and measured against: each analysed frame is
   * converted whole to a float image before the face models' inputs are cut from it.
   */
  PLAIN
}
