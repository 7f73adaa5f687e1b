package org.sentio.affect.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/** The two ONNX formulations of the MoE fusion graph, run by ONNX Runtime through moe-runtime. */
class MoeOnnxTest {
  @TempDir Path dir;

  static Map<String, Tensor> randomInputs(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * MoeFusionModel.WIDTH];
    float[] mask = new float[n * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      int present = 1 + r.nextInt(7); // bit set over 3 modalities, never empty
      for (int m = 0; m < 3; m++) {
        mask[i * 3 + m] = (present >> m & 1) == 1 ? 1 : 0;
      }
    }
    return Map.of(
        MoeOnnx.INPUT, Tensor.ofFloats(new long[] {n, MoeFusionModel.WIDTH}, x),
        MoeOnnx.MASK, Tensor.ofFloats(new long[] {n, 3}, mask));
  }

  @Test
  void standardAndFusedFormulationsAgreeWithin1e5() throws Exception {
    MoeWeights w = MoeWeights.random(24, 16, 2, 32, 11L);
    // Non-zero biases so that a bias layout mistake would show.
    Random r = new Random(3);
    for (float[] b : new float[][] {w.b1(), w.b2(), w.gateBias()}) {
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (0.3 * r.nextGaussian());
      }
    }
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    Map<String, Tensor> in = randomInputs(257, 5L);
    Map<String, Tensor> standard;
    Map<String, Tensor> fused;
    try (var s = MoeFusion.openFile(host, dir.resolve("std"), w, MoeOnnx.Formulation.STANDARD)) {
      standard = s.run(in);
    }
    try (var s = MoeFusion.openFile(host, dir.resolve("fused"), w, MoeOnnx.Formulation.FUSED)) {
      fused = s.run(in);
    }
    for (String out :
        new String[] {
          MoeOnnx.EMOTIONS,
          MoeOnnx.VALENCE,
          MoeOnnx.AROUSAL,
          MoeOnnx.MODALITY_WEIGHTS,
          MoeOnnx.EXPERT_WEIGHTS
        }) {
      float[] a = standard.get(out).floats();
      float[] b = fused.get(out).floats();
      assertThat(a).hasSameSizeAs(b);
      for (int i = 0; i < a.length; i++) {
        assertThat(Math.abs(a[i] - b[i])).as(out + "[" + i + "]").isLessThan(1e-5f);
      }
    }
    assertThat(fused.get(MoeOnnx.EXPERTS).longs()).isEqualTo(standard.get(MoeOnnx.EXPERTS).longs());
    // Absent modalities get no weight; present ones sum to 1.
    float[] mask = in.get(MoeOnnx.MASK).floats();
    float[] mw = standard.get(MoeOnnx.MODALITY_WEIGHTS).floats();
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == 0) {
        assertThat(mw[i]).isLessThan(1e-6f);
      }
    }
  }

  @Test
  void theTransposedFusedLayoutRunsSilentlyWrong() throws Exception {
    // Guards the layout trap of com.microsoft.MoE: with hidden == inter the untransposed weights
    // load and run, and give other numbers than the standard-op graph.
    MoeWeights w = MoeWeights.random(16, 8, 2, 16, 12L);
    MoeWeights wrong =
        new MoeWeights(
            16,
            8,
            2,
            16,
            w.proj(),
            w.projBias(),
            w.score(),
            w.scoreBias(),
            w.gate(),
            w.gateBias(),
            MoeOnnx.transposeLast(w.w1(), 8, 16, 16),
            w.b1(),
            MoeOnnx.transposeLast(w.w2(), 8, 16, 16),
            w.b2(),
            w.wc(),
            w.bc(),
            w.wv(),
            w.bv(),
            w.wa(),
            w.ba());
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    Map<String, Tensor> in = randomInputs(64, 6L);
    float[] good;
    float[] bad;
    try (var s = MoeFusion.openFile(host, dir.resolve("a"), w, MoeOnnx.Formulation.STANDARD)) {
      good = s.run(in).get(MoeOnnx.EMOTIONS).floats();
    }
    try (var s = MoeFusion.openFile(host, dir.resolve("b"), wrong, MoeOnnx.Formulation.FUSED)) {
      bad = s.run(in).get(MoeOnnx.EMOTIONS).floats();
    }
    double maxDiff = 0;
    for (int i = 0; i < good.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(good[i] - bad[i]));
    }
    assertThat(maxDiff).isGreaterThan(1e-3);
  }
}
