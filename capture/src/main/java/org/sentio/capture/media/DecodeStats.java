package org.sentio.capture.media;

/**
 * What a decode-only pass over a file did, for benchmarks.
 *
 * @param videoFramesDecoded every decoded video frame
 * @param audioSamplesDecoded mono samples after resampling to the default capture rate
 * @param wallSeconds elapsed wall-clock time of the decode loop, opening included
 */
public record DecodeStats(long videoFramesDecoded, long audioSamplesDecoded, double wallSeconds) {

  /** Video frames decoded per wall-clock second. */
  public double videoFramesPerSecond() {
    return wallSeconds > 0 ? videoFramesDecoded / wallSeconds : 0;
  }
}
