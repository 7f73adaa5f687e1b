package org.sentio.capture.media;

/**
 * How a media file is decoded for analysis.
 *
 * @param analysisFps video frames per second handed to the listener (ticks at k / fps)
 * @param audioSampleRate the rate, in Hz, that all audio is resampled to (mono, float)
 */
public record CaptureOptions(double analysisFps, int audioSampleRate) {

  public static final double DEFAULT_ANALYSIS_FPS = 5.0;
  public static final int DEFAULT_AUDIO_SAMPLE_RATE = 16_000;

  public CaptureOptions {
    if (!(analysisFps > 0) || !Double.isFinite(analysisFps)) {
      throw new IllegalArgumentException("analysisFps must be positive, got " + analysisFps);
    }
    if (audioSampleRate < 1000 || audioSampleRate > 384_000) {
      throw new IllegalArgumentException(
          "audioSampleRate must be in [1000, 384000] Hz, got " + audioSampleRate);
    }
  }

  /** 5 analysis frames per second, audio at 16 kHz. */
  public static CaptureOptions defaults() {
    return new CaptureOptions(DEFAULT_ANALYSIS_FPS, DEFAULT_AUDIO_SAMPLE_RATE);
  }

  public CaptureOptions withAnalysisFps(double fps) {
    return new CaptureOptions(fps, audioSampleRate);
  }

  public CaptureOptions withAudioSampleRate(int rate) {
    return new CaptureOptions(analysisFps, rate);
  }
}
