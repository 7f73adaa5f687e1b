package org.sentio.affect.voice;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import java.util.Arrays;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The frame grid every voice feature is measured on: buffers of about 33 ms (a power of two), a 10
 * ms hop, samples clipped to [-1, 1] and padded to one buffer, run through a TarsosDSP dispatcher.
 */
final class VoiceFrames {
  private static final double HOP_SECONDS = 0.010;

  private VoiceFrames() {}

  static int bufferSize(int sampleRate) {
    return Integer.highestOneBit((int) Math.ceil(sampleRate / 30.0) - 1) << 1;
  }

  static int hop(int sampleRate) {
    return (int) Math.round(HOP_SECONDS * sampleRate);
  }

  /**
   * Runs {@code processor} over {@code samples} on the frame grid.
   *
   * @param purpose what the frames are for, named in the message about a too-low rate
   */
  static void run(float[] samples, int sampleRate, String purpose, AudioProcessor processor) {
    if (sampleRate < 8000) {
      throw new IllegalArgumentException(
          "sample rate " + sampleRate + " Hz is too low for " + purpose + "; use 8 kHz or more");
    }
    int bufferSize = bufferSize(sampleRate);
    float[] padded = samples.length >= bufferSize ? samples : Arrays.copyOf(samples, bufferSize);
    float[] clipped = new float[padded.length];
    for (int i = 0; i < padded.length; i++) {
      clipped[i] = Math.max(-1f, Math.min(1f, padded[i]));
    }
    AudioDispatcher dispatcher;
    try {
      dispatcher =
          AudioDispatcherFactory.fromFloatArray(
              clipped, sampleRate, bufferSize, bufferSize - hop(sampleRate));
    } catch (UnsupportedAudioFileException e) {
      throw new IllegalArgumentException("TarsosDSP cannot read " + sampleRate + " Hz audio", e);
    }
    dispatcher.addAudioProcessor(processor);
    dispatcher.run();
  }

  /**
   * Runs {@code measure} over {@code samples} on the frame grid as {@link #run} does, taking each
   * frame that lies whole in one piece of the stream from {@code frames} when it was measured
   * before (under {@code purpose}), and keeping what it measures there.
   */
  static <R> void run(
      float[] samples,
      int sampleRate,
      String purpose,
      StreamFrames.Measure<R> measure,
      StreamFrames.Pieces pieces,
      StreamFrames frames) {
    int bufferSize = bufferSize(sampleRate);
    int hop = hop(sampleRate);
    run(
        samples,
        sampleRate,
        purpose,
        new AudioProcessor() {
          private int frame;

          @Override
          @SuppressWarnings("unchecked")
          public boolean process(AudioEvent event) {
            // Frame k holds samples [k * hop, k * hop + bufferSize) of the buffer; a frame that
            // runs past its end was zero-padded and is not the stream's.
            long first = pieces.streamSample(frame * hop, bufferSize);
            frame++;
            R measurement = first < 0 ? null : (R) frames.get(purpose, first);
            if (measurement == null) {
              measurement = measure.measure(event.getFloatBuffer());
              if (first >= 0) {
                frames.put(purpose, first, measurement);
              }
            }
            measure.collect(measurement);
            return true;
          }

          @Override
          public void processingFinished() {}
        });
  }
}
