package org.sentio.affect.pipeline;

/**
 * Ways to analyse a recording faster that change which pixels the face models see, each off by
 * default (docs/performance.md, "Second round", has each one's gain and accuracy cost).
 *
 * @param faceDetectionInterval run the face detector on every n-th analysed frame and follow the
 *     faces by their FaceMesh landmarks in between (1: detect on every frame)
 * @param referenceFramesOnly decode only the video pictures other pictures refer to, when the video
 *     has at least three frames per analysed frame (so an analysed frame stays within a few frame
 *     durations of its tick)
 * @param decoderThreads FFmpeg decoder threads per file (0: FFmpeg's choice from the core count)
 */
public record SpeedLevers(
    int faceDetectionInterval, boolean referenceFramesOnly, int decoderThreads) {
  /** Every frame detected and decoded, FFmpeg's choice of threads: the validated path. */
  public static final SpeedLevers NONE = new SpeedLevers(1, false, 0);

  /** The most frames one detection may be followed over. */
  public static final int MAX_DETECTION_INTERVAL = 30;

  public SpeedLevers {
    if (faceDetectionInterval < 1 || faceDetectionInterval > MAX_DETECTION_INTERVAL) {
      throw new IllegalArgumentException(
          "face detection interval must be between 1 and "
              + MAX_DETECTION_INTERVAL
              + " frames, got "
              + faceDetectionInterval);
    }
    if (decoderThreads < 0 || decoderThreads > 64) {
      throw new IllegalArgumentException(
          "decoder threads must be between 0 and 64, got " + decoderThreads);
    }
  }

  public SpeedLevers withDecoderThreads(int threads) {
    return new SpeedLevers(faceDetectionInterval, referenceFramesOnly, threads);
  }
}
