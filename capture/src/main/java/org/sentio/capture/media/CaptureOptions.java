package org.sentio.capture.media;

/**
 * How a media file is decoded for analysis.
 *
 * @param analysisFps video frames per second handed to the listener (ticks at k / fps)
 * @param audioSampleRate the rate, in Hz, that all audio is resampled to (mono, float)
 * @param referenceFramesOnly whether the decoder skips the pictures no other picture refers to
 *     (FFmpeg's {@code skip_frame=noref}): far less decoding when few frames are analysed, at the
 *     cost of an analysed frame being up to a few frame durations after its tick
 * @param decoderThreads FFmpeg decoder threads, 0 for FFmpeg's choice from the core count (one when
 *     several files are decoded at once, so that they do not oversubscribe the cores)
 */
public record CaptureOptions(
    double analysisFps, int audioSampleRate, boolean referenceFramesOnly, int decoderThreads) {

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
    if (decoderThreads < 0 || decoderThreads > 64) {
      throw new IllegalArgumentException(
          "decoderThreads must be in [0, 64], got " + decoderThreads);
    }
  }

  /** Every frame decoded, FFmpeg's choice of decoder threads. */
  public CaptureOptions(double analysisFps, int audioSampleRate) {
    this(analysisFps, audioSampleRate, false, 0);
  }

  /** 5 analysis frames per second, audio at 16 kHz. */
  public static CaptureOptions defaults() {
    return new CaptureOptions(DEFAULT_ANALYSIS_FPS, DEFAULT_AUDIO_SAMPLE_RATE);
  }

  public CaptureOptions withAnalysisFps(double fps) {
    return new CaptureOptions(fps, audioSampleRate, referenceFramesOnly, decoderThreads);
  }

  public CaptureOptions withAudioSampleRate(int rate) {
    return new CaptureOptions(analysisFps, rate, referenceFramesOnly, decoderThreads);
  }

  /** The same options, decoding only reference pictures or every picture. */
  public CaptureOptions withReferenceFramesOnly(boolean only) {
    return new CaptureOptions(analysisFps, audioSampleRate, only, decoderThreads);
  }

  /** The same options with {@code threads} FFmpeg decoder threads (0: FFmpeg's choice). */
  public CaptureOptions withDecoderThreads(int threads) {
    return new CaptureOptions(analysisFps, audioSampleRate, referenceFramesOnly, threads);
  }
}
