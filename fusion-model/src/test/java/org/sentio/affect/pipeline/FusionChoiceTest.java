package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.ConfidenceWeightedFusion;
import org.sentio.affect.fusion.FusionMethod;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.fusion.MoeOnnx;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.ModelFolder;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;

/** Which fusion the pipeline uses: the MoE model when installed, the named fallback otherwise. */
class FusionChoiceTest {
  @TempDir Path models;

  private ModelRegistry registry() {
    return new ModelRegistry(models, "reinstall");
  }

  private void install(byte[] onnx) throws Exception {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", MoeFusion.MODEL);
    manifest.put("version", "test");
    ModelFolder.write(models.resolve(MoeFusion.MODEL), onnx, manifest);
  }

  @Test
  void withoutTheModelTheFallbackSaysSoInItsName() throws Exception {
    FusionMethod fusion = Analyzers.fusion(registry(), ShippedModels.host());
    assertThat(fusion).isInstanceOf(ConfidenceWeightedFusion.class);
    assertThat(fusion.name())
        .isEqualTo(ConfidenceWeightedFusion.FALLBACK_NAME)
        .contains("fallback");
  }

  @Test
  void theShippedModelIsVerifiedAndUsed() throws Exception {
    FusionMethod fusion = Analyzers.fusion(ShippedModels.registry(), ShippedModels.host());
    assertThat(fusion).isInstanceOf(MoeFusion.class);
    assertThat(fusion.name()).isEqualTo(MoeFusion.NAME);
    ((MoeFusion) fusion).close();
  }

  @Test
  void anInstalledModelIsUsed() throws Exception {
    install(MoeOnnx.write(MoeWeights.random(8, 8, 2, 8, 1L), MoeOnnx.Formulation.FUSED, "t", ""));
    FusionMethod fusion = Analyzers.fusion(registry(), ShippedModels.host());
    assertThat(fusion).isInstanceOf(MoeFusion.class);
    ((MoeFusion) fusion).close();
  }

  @Test
  void aCorruptOrAlteredOrMismatchedModelIsRefused() throws Exception {
    install(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Analyzers.fusion(registry(), ShippedModels.host()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("model.onnx");

    install(MoeOnnx.write(MoeWeights.random(8, 8, 2, 8, 1L), MoeOnnx.Formulation.FUSED, "t", ""));
    Files.write(
        models.resolve(MoeFusion.MODEL).resolve("model.onnx"),
        new byte[] {9},
        java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> Analyzers.fusion(registry(), ShippedModels.host()))
        .isInstanceOf(ModelException.class);

    AffectMlp other =
        new AffectMlp(
            4,
            0,
            null,
            null,
            null,
            null,
            new float[28],
            new float[7],
            new float[4],
            new float[1],
            null,
            null);
    install(AffectMlpOnnx.write(other, "t", ""));
    assertThatThrownBy(() -> Analyzers.fusion(registry(), ShippedModels.host()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("not a Sentio MoE fusion model");
  }
}
