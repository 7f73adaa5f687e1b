package org.sentio.affect.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FER+ soft-target trainer on a small real subset (the first 240 faces of {@code
 * faces_ferplus_train}): the split, the filter, learning, determinism and the ONNX export.
 */
class FaceCnnTrainerTest {
  private static final FaceCnnTrainer.Config CONFIG =
      new FaceCnnTrainer.Config(new int[] {4, 8, 8}, 2, 32, 0.003f, 7L);

  private static FerPlusFaces data;

  @BeforeAll
  static void read() throws Exception {
    data = FerPlusFaces.read(SharedData.dataset("faces_ferplus_train"), 240, 10, 7L);
  }

  @Test
  void readsVoteSharesAndHoldsOutSomeFaces() {
    assertThat(data.size()).isEqualTo(240);
    int held = 0;
    for (int i = 0; i < data.size(); i++) {
      float sum = 0;
      for (int k = 0; k < 7; k++) {
        sum += data.targets()[i * 7 + k];
      }
      assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
      held += data.heldOut()[i] ? 1 : 0;
    }
    assertThat(held).isBetween(5, 60);
  }

  @Test
  void theFilterStretchesTheHistogramToFullRange() {
    int[] dark = new int[48 * 48];
    for (int i = 0; i < dark.length; i++) {
      dark[i] = 40 + i % 30;
    }
    float[] out = FerPlusFaces.filter(dark);
    float max = 0;
    float min = 255;
    for (float v : out) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    assertThat(min).isEqualTo(0f);
    assertThat(max).isEqualTo(255f);
  }

  @Test
  void trainsDeterministicallyAndTheOnnxGraphReproducesTheTrainer() throws Exception {
    FaceCnnTrainer.Weights first = new FaceCnnTrainer(CONFIG).train(data, epoch -> {});
    FaceCnnTrainer.Weights second = new FaceCnnTrainer(CONFIG).train(data, epoch -> {});
    assertThat(second.fc()).isEqualTo(first.fc());
    assertThat(second.conv()[0]).isEqualTo(first.conv()[0]);

    int n = 16;
    float[] x = new float[n * 48 * 48];
    for (int i = 0; i < n; i++) {
      System.arraycopy(FaceCnnTrainer.input(data, i), 0, x, i * 48 * 48, 48 * 48);
    }
    float[] expected = FaceCnnTrainer.predict(first, x, n);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session =
            env.createSession(
                FaceCnnOnnx.build(first).toByteArray(), new OrtSession.SessionOptions());
        OnnxTensor input =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 48, 48, 1});
        OrtSession.Result result = session.run(Map.of("input_1", input))) {
      float[] got = new float[n * 7];
      ((OnnxTensor) result.get("Identity").orElseThrow()).getFloatBuffer().get(got);
      double worst = 0;
      for (int i = 0; i < got.length; i++) {
        worst = Math.max(worst, Math.abs(got[i] - expected[i]));
      }
      assertThat(worst).isLessThanOrEqualTo(1e-5);
    }
  }
}
