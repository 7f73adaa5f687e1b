package org.sentio.affect.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.train.ModelFolder;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelRegistry;

/**
 * How the runtime runs the MoE fusion model: capacity-bounded batches whose results equal batch-1
 * inference, the expert telemetry they record, and the formulation chosen per provider.
 */
class MoeRuntimeTest {
  @TempDir Path dir;

  static List<Map<Modality, AffectEstimate>> windows(int n, long seed) {
    Random r = new Random(seed);
    List<Map<Modality, AffectEstimate>> windows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<Modality, AffectEstimate> w = new EnumMap<>(Modality.class);
      // Every 10th window has no modality at all: it must not be routed.
      int present = i % 10 == 9 ? 0 : 1 + r.nextInt(7);
      for (int m = 0; m < 3; m++) {
        Modality modality = MoeFusionModel.MODALITIES.get(m);
        if ((present >> m & 1) == 1) {
          double[] p = new double[7];
          for (int k = 0; k < 7; k++) {
            p[k] = Math.exp(2 * r.nextGaussian());
          }
          w.put(
              modality,
              AffectEstimate.present(
                  modality,
                  EmotionDistribution.normalise(p),
                  2 * r.nextDouble() - 1,
                  2 * r.nextDouble() - 1,
                  0.2 + 0.8 * r.nextDouble()));
        } else {
          w.put(modality, AffectEstimate.absent(modality, AbsenceReason.NO_FACE, null));
        }
      }
      windows.add(w);
    }
    return windows;
  }

  private MoeFusion fusion(String name, MoeWeights w, double factor, int batch) throws Exception {
    return new MoeFusion(
        MoeFusion.openFile(ShippedModels.host(), dir.resolve(name), w, MoeOnnx.Formulation.FUSED),
        null,
        factor,
        batch);
  }

  @Test
  void capacityBoundedBatchesGiveExactlyTheBatchOfOneResultsAndCountTheLoad() throws Exception {
    MoeWeights w = MoeWeights.random(16, 16, 2, 16, 5L);
    List<Map<Modality, AffectEstimate>> windows = windows(300, 9L);
    FusionOutcome tight;
    FusionOutcome roomy;
    List<FusedEstimate> single = new ArrayList<>();
    try (MoeFusion a = fusion("tight", w, 0.5, 64);
        MoeFusion b = fusion("roomy", w, 100, 64);
        MoeFusion one = fusion("one", w, 1.25, 1)) {
      tight = a.fuseSession(windows);
      roomy = b.fuseSession(windows);
      for (Map<Modality, AffectEstimate> window : windows) {
        single.addAll(one.fuse(List.of(window)));
      }
    }
    for (FusionOutcome outcome : List.of(tight, roomy)) {
      assertThat(outcome.fused()).hasSize(300);
      for (int i = 0; i < 300; i++) {
        FusedEstimate got = outcome.fused().get(i);
        FusedEstimate want = single.get(i);
        assertThat(got.experts()).hasSameSizeAs(want.experts());
        if (!want.hasEmotions()) {
          assertThat(got.hasEmotions()).isFalse();
          continue;
        }
        for (int k = 0; k < 7; k++) {
          assertThat(got.emotions().toArray()[k])
              .as("window %d", i)
              .isCloseTo(want.emotions().toArray()[k], within(1e-5));
        }
        assertThat(got.valence()).isCloseTo(want.valence(), within(1e-5));
        assertThat(got.arousal()).isCloseTo(want.arousal(), within(1e-5));
        for (int j = 0; j < want.experts().size(); j++) {
          assertThat(got.experts().get(j).expert()).isEqualTo(want.experts().get(j).expert());
          assertThat(got.experts().get(j).weight())
              .isCloseTo(want.experts().get(j).weight(), within(1e-5));
        }
        want.modalityWeights()
            .forEach((m, v) -> assertThat(got.modalityWeights().get(m)).isCloseTo(v, within(1e-5)));
      }
    }
    ExpertTelemetry t = tight.telemetry();
    assertThat(t.windows()).as("windows with a modality").isEqualTo(270);
    assertThat(Arrays.stream(t.counts()).sum()).isEqualTo(2L * 270);
    long[] expected = new long[16];
    single.forEach(f -> f.experts().forEach(c -> expected[c.expert()]++));
    assertThat(t.counts()).isEqualTo(expected);
    assertThat(t.overflow()).as("a capacity of ceil(0.5·2·64/16) = 4 must overflow").isPositive();
    assertThat(t.deferredWindows()).isPositive();
    assertThat(t.capacityFactor()).isEqualTo(0.5);
    assertThat(t.batchSize()).isEqualTo(64);
    ExpertTelemetry r = roomy.telemetry();
    assertThat(r.overflow()).isZero();
    assertThat(r.deferredWindows()).isZero();
    assertThat(r.counts()).isEqualTo(expected);
    double sum = 0;
    for (int e = 0; e < 16; e++) {
      sum += r.share(e);
    }
    assertThat(sum).as("shares of windows sum to k").isCloseTo(2.0, within(1e-9));
    assertThat(r.coefficientOfVariation()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void telemetryArithmetic() {
    ExpertTelemetry even = new ExpertTelemetry(4, 2, 1.25, 64, 4, new long[] {2, 2, 2, 2}, 0, 0);
    assertThat(even.coefficientOfVariation()).isZero();
    assertThat(even.idle()).isZero();
    assertThat(even.share(0)).isEqualTo(0.5);
    ExpertTelemetry skewed = new ExpertTelemetry(4, 2, 1.25, 64, 4, new long[] {4, 4, 0, 0}, 3, 2);
    assertThat(skewed.coefficientOfVariation()).isCloseTo(1.0, within(1e-12));
    assertThat(skewed.idle()).isEqualTo(2);
    assertThat(skewed).isEqualTo(new ExpertTelemetry(4, 2, 1.25, 64, 4, skewed.counts(), 3, 2));
  }

  @Test
  void theFormulationIsChosenByTimingBothAndSaysWhich() throws Exception {
    try (MoeFusion fusion = MoeFusion.open(ShippedModels.host(), ShippedModels.registry())) {
      FormulationChoice choice = fusion.formulation();
      assertThat(choice.other()).isNotNull().isNotEqualTo(choice.chosen());
      assertThat(choice.chosenMillis()).isPositive().isLessThanOrEqualTo(choice.otherMillis());
      assertThat(choice.note()).isNull();
      assertThat(choice.describe())
          .contains("CPU, chosen: ")
          .contains(" ms vs ")
          .contains("per batch of 64");
      assertThat(fusion.fuse(windows(5, 1L))).hasSize(5);
    }
    try (MoeFusion forced =
        MoeFusion.open(
            ShippedModels.host(), ShippedModels.registry(), MoeOnnx.Formulation.STANDARD)) {
      assertThat(forced.formulation().chosen()).isEqualTo(MoeOnnx.Formulation.STANDARD);
      assertThat(forced.formulation().describe())
          .startsWith("standard ops (TopK/GatherElements), CPU, forced: ");
    }
  }

  @Test
  void aFormulationTheRuntimeRefusesFallsBackToTheOtherWithTheReason() throws Exception {
    MoeWeights w = MoeWeights.random(8, 8, 2, 8, 3L);
    ModelProto fused = ModelProto.parseFrom(MoeOnnx.write(w, MoeOnnx.Formulation.FUSED, "t", ""));
    GraphProto.Builder graph = fused.getGraph().toBuilder();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      NodeProto node = graph.getNode(i);
      if (node.getOpType().equals("MoE")) {
        NodeProto.Builder broken = node.toBuilder().clearAttribute();
        for (AttributeProto a : node.getAttributeList()) {
          broken.addAttribute(
              a.getName().equals("activation_type")
                  ? a.toBuilder().setS(ByteString.copyFromUtf8("no-such-activation")).build()
                  : a);
        }
        graph.setNode(i, broken);
      }
    }
    Path models = dir.resolve("models");
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", MoeFusion.MODEL);
    manifest.put("version", "test");
    ModelFolder.write(
        models.resolve(MoeFusion.MODEL),
        fused.toBuilder().setGraph(graph).build().toByteArray(),
        manifest);
    ModelRegistry registry = new ModelRegistry(models, "reinstall");
    for (MoeOnnx.Formulation forced : new MoeOnnx.Formulation[] {null, MoeOnnx.Formulation.FUSED}) {
      try (MoeFusion fusion = MoeFusion.open(ShippedModels.host(), registry, forced)) {
        FormulationChoice choice = fusion.formulation();
        assertThat(choice.chosen()).isEqualTo(MoeOnnx.Formulation.STANDARD);
        assertThat(choice.other()).isNull();
        assertThat(choice.describe())
            .contains(
                (forced == null ? "; " : "; forced ") + "fused com.microsoft.MoE cannot run: ")
            .contains("ONNX Runtime refused");
        List<FusedEstimate> out = fusion.fuse(windows(3, 2L));
        assertThat(out.get(0).experts()).hasSize(2);
      }
    }
  }

  @Test
  void theWeightsReadBackFromEitherFormulation() throws Exception {
    MoeWeights w = MoeWeights.random(8, 4, 2, 6, 2L);
    for (MoeOnnx.Formulation f : MoeOnnx.Formulation.values()) {
      byte[] graph = MoeOnnx.write(w, f, "t", "");
      assertThat(MoeOnnx.formulationOf(graph)).isEqualTo(f);
      MoeWeights back = MoeOnnx.read(graph);
      assertThat(back.w1()).isEqualTo(w.w1());
      assertThat(back.w2()).isEqualTo(w.w2());
      assertThat(back.b1()).isEqualTo(w.b1());
      assertThat(back.gate()).isEqualTo(w.gate());
      assertThat(back.proj()[2]).isEqualTo(w.proj()[2]);
      assertThat(MoeOnnx.write(back, f, "t", "")).isEqualTo(graph);
    }
  }

  @Test
  void theDenseBaselineHasTheSameParameterCountAndRuns() throws Exception {
    MoeWeights shipped =
        MoeOnnx.read(
            Files.readAllBytes(ShippedModels.registry().find(MoeFusion.MODEL).modelFile()));
    int hidden = DenseFfn.matchingHidden(shipped);
    DenseFfn dense = DenseFfn.random(shipped.latent(), hidden, 1L);
    long moe = DenseFfn.moeBlockParameters(shipped);
    assertThat(Math.abs(dense.parameters() - moe))
        .as("one hidden unit is 2·latent + 1 parameters")
        .isLessThanOrEqualTo(shipped.latent() + 1L);

    FusionBenchmark.Result result =
        FusionBenchmark.run(
            ShippedModels.host(), shipped, new FusionBenchmark.Config(1, List.of(1, 4), 0.01));
    assertThat(result.rows()).hasSize(6);
    assertThat(result.rows()).allSatisfy(r -> assertThat(r.median()).isPositive());
    assertThat(result.denseParameters())
        .isEqualTo(result.moeParameters() + dense.parameters() - moe);
    var json = result.toJson();
    assertThat(json.get("results")).hasSize(6);
    assertThat(json.get("results").get(2).get("ratioToDense").asDouble()).isEqualTo(1.0);
    assertThat(json.get("dense").get("hidden").asInt()).isEqualTo(hidden);
  }
}
