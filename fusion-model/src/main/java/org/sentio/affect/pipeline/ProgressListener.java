package org.sentio.affect.pipeline;

/** Hears how far an analysis has got; called on the analysing thread. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total, stage) -> {};

  /**
   * @param doneSeconds media seconds analysed so far
   * @param totalSeconds media seconds to analyse (may be 0 when unknown)
   * @param stage what is running, e.g. "analysing media"
   */
  void onProgress(double doneSeconds, double totalSeconds, String stage);
}
