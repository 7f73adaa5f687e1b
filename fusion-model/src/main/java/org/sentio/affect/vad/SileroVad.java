package org.sentio.affect.vad;

import java.util.Map;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * Speech probability per 32 ms frame of 16 kHz mono audio, from silero VAD v5.
 *
 * <p>The model is recurrent: it keeps a state tensor between frames and sees the last 64 samples of
 * the previous frame before each new one (as silero-vad's {@code OnnxWrapper} and vad-web's {@code
 * Silero.process} do). Feed audio in order; one instance per stream.
 */
public final class SileroVad {
  public static final int SAMPLE_RATE = 16_000;
  public static final int FRAME_SAMPLES = 512;
  public static final double FRAME_SECONDS = (double) FRAME_SAMPLES / SAMPLE_RATE;
  private static final int CONTEXT_SAMPLES = 64;
  private static final long[] STATE_SHAPE = {2, 1, 128};
  private static final Tensor SAMPLE_RATE_TENSOR =
      Tensor.ofLongs(new long[] {1}, new long[] {SAMPLE_RATE});

  private final ModelSession session;
  private final float[] input = new float[CONTEXT_SAMPLES + FRAME_SAMPLES];
  private final float[] pending = new float[FRAME_SAMPLES];
  private int pendingCount;
  private float[] state = new float[2 * 128];

  /**
   * @param session a session on the {@code voice-activity} model, owned by the caller
   */
  public SileroVad(ModelSession session) {
    this.session = session;
  }

  /** Receives the speech probability of each completed frame, in stream order. */
  @FunctionalInterface
  public interface FrameListener {
    void onFrame(double speechProbability);
  }

  /** Feeds samples; calls {@code listener} once for every 512-sample frame they complete. */
  public void accept(float[] samples, FrameListener listener) throws ModelException {
    int offset = 0;
    while (offset < samples.length) {
      int take = Math.min(FRAME_SAMPLES - pendingCount, samples.length - offset);
      System.arraycopy(samples, offset, pending, pendingCount, take);
      pendingCount += take;
      offset += take;
      if (pendingCount == FRAME_SAMPLES) {
        listener.onFrame(process(pending));
        pendingCount = 0;
      }
    }
  }

  /** Runs one frame of exactly 512 samples. */
  public double process(float[] frame) throws ModelException {
    if (frame.length != FRAME_SAMPLES) {
      throw new IllegalArgumentException("silero VAD takes 512-sample frames");
    }
    System.arraycopy(frame, 0, input, CONTEXT_SAMPLES, FRAME_SAMPLES);
    Map<String, Tensor> out =
        session.run(
            Map.of(
                "input", Tensor.ofFloats(new long[] {1, input.length}, input),
                "state", Tensor.ofFloats(STATE_SHAPE, state),
                "sr", SAMPLE_RATE_TENSOR));
    state = out.get("stateN").floats();
    System.arraycopy(frame, FRAME_SAMPLES - CONTEXT_SAMPLES, input, 0, CONTEXT_SAMPLES);
    return out.get("output").floats()[0];
  }

  /** Forgets the recurrent state and any partial frame, for a new stream. */
  public void reset() {
    state = new float[2 * 128];
    java.util.Arrays.fill(input, 0);
    pendingCount = 0;
  }
}
