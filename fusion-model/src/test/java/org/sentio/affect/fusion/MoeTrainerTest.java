package org.sentio.affect.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.train.GarbageCollection;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * The trainer on real windows (shipped face, voice and text models on a slice of their held-out
 * data): deterministic, also under garbage collection, and the exported graphs reproduce its
 * forward pass within 1e-5.
 */
class MoeTrainerTest {
  static final MoeTrainer.Config SMALL =
      new MoeTrainer.Config(
          16, 8, 2, 16, 3, 64, 3e-3f, 1e-5f, 0.5f, 0.01f, 0.1f, 0.2f, 0.3, 0.5, 9L);
  static MoeTrainer.Windows train;
  static MoeTrainer.Windows held;
  static List<Map<Modality, AffectEstimate>> heldWindows;

  @TempDir Path dir;

  @BeforeAll
  static void data() throws Exception {
    FusionData.Pools pools;
    try (ModelSession face = ShippedModels.open("face-expression");
        ModelSession voice = ShippedModels.open("voice-affect");
        ModelSession text = ShippedModels.open("text-affect-en")) {
      pools = FusionData.pools(face, voice, text, new FusionData.Limits(240, 28, 400));
    }
    List<Emotion> labels = new ArrayList<>();
    train = FusionData.encode(FusionData.windows(pools.train(), 320, 1L, labels), labels);
    List<Emotion> heldLabels = new ArrayList<>();
    heldWindows = FusionData.windows(pools.heldOut(), 100, 2L, heldLabels);
    held = FusionData.encode(heldWindows, heldLabels);
  }

  @Test
  void sameSeedAndDataGiveTheSameWeightsAndTheOnnxReproducesTheTrainer() throws Exception {
    MoeWeights a = new MoeTrainer(SMALL).train(train, e -> {});
    MoeWeights b = GarbageCollection.during(() -> new MoeTrainer(SMALL).train(train, e -> {}));
    assertThat(MoeOnnx.write(b, MoeOnnx.Formulation.FUSED, "t", ""))
        .isEqualTo(MoeOnnx.write(a, MoeOnnx.Formulation.FUSED, "t", ""));

    int n = held.size();
    MoeTrainer.Outputs ref = MoeTrainer.predict(a, held.x(), held.mask(), n);
    var host = ShippedModels.host();
    for (MoeOnnx.Formulation f : MoeOnnx.Formulation.values()) {
      try (MoeFusion fusion =
          new MoeFusion(MoeFusion.openFile(host, dir.resolve(f.name()), a, f))) {
        Map<String, Tensor> out = fusion.run(held.x(), held.mask(), n);
        close(ref.emotions(), out.get(MoeOnnx.EMOTIONS).floats(), f + " emotions");
        close(ref.valence(), out.get(MoeOnnx.VALENCE).floats(), f + " valence");
        close(ref.arousal(), out.get(MoeOnnx.AROUSAL).floats(), f + " arousal");
        close(ref.modalityWeights(), out.get(MoeOnnx.MODALITY_WEIGHTS).floats(), f + " weights");
        long[] experts = out.get(MoeOnnx.EXPERTS).longs();
        float[] gates = out.get(MoeOnnx.EXPERT_WEIGHTS).floats();
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < 2; j++) {
            float g = ref.gate()[i * 8 + (int) experts[i * 2 + j]];
            assertThat(Math.abs(g - gates[i * 2 + j])).isLessThan(1e-5f);
          }
        }
        List<FusedEstimate> fused = fusion.fuse(heldWindows);
        assertThat(fused).hasSize(n);
        assertThat(fused.get(0).experts()).hasSize(2);
        assertThat(fused.get(0).modalityWeights().values().stream().mapToDouble(d -> d).sum())
            .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(fused.get(0).method()).isEqualTo(MoeFusion.NAME);
      }
    }
  }

  @Test
  void tooLittleDataIsRefusedSayingHowMuchIsNeeded() {
    MoeTrainer.Windows few =
        new MoeTrainer.Windows(
            new float[10 * 30], new float[10 * 3], new int[10], new float[10], new float[10]);
    assertThatThrownBy(() -> new MoeTrainer(SMALL).train(few, e -> {}))
        .hasMessageContaining("at least " + MoeTrainer.MIN_WINDOWS);
  }

  private static void close(float[] expected, float[] actual, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(Math.abs(expected[i] - actual[i])).as(what + "[" + i + "]").isLessThan(1e-5f);
    }
  }
}
