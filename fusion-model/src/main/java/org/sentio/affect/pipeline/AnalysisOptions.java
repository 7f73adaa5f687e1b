package org.sentio.affect.pipeline;

/**
 * How a session is analysed.
 *
 * @param analysisFps video frames analysed per second
 * @param windowSeconds length of one analysis window
 * @param hopSeconds distance between the starts of consecutive windows
 */
public record AnalysisOptions(double analysisFps, double windowSeconds, double hopSeconds) {
  public static final AnalysisOptions DEFAULT = new AnalysisOptions(5.0, 1.0, 0.5);

  public AnalysisOptions {
    if (!(analysisFps > 0 && analysisFps <= 60)) {
      throw new IllegalArgumentException(
          "analysis rate must be between 0 and 60 frames per second, got " + analysisFps);
    }
    if (!(windowSeconds >= 0.2 && windowSeconds <= 30)) {
      throw new IllegalArgumentException(
          "window must be between 0.2 and 30 seconds, got " + windowSeconds);
    }
    if (!(hopSeconds > 0 && hopSeconds <= windowSeconds)) {
      throw new IllegalArgumentException(
          "hop must be positive and no longer than the window, got " + hopSeconds);
    }
  }

  /** The same options with another window length; the hop stays half the window. */
  public AnalysisOptions withWindow(double seconds) {
    return new AnalysisOptions(analysisFps, seconds, seconds / 2);
  }

  public AnalysisOptions withFps(double fps) {
    return new AnalysisOptions(fps, windowSeconds, hopSeconds);
  }
}
