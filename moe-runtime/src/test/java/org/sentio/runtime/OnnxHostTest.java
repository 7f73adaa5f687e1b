package org.sentio.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxHostTest {
  @TempDir Path models;

  @Test
  void eachInferenceGetsAQuarterOfTheCoresAndAtLeastOneThread() {
    assertThat(OnnxHost.defaultIntraOpThreads(1)).isEqualTo(1);
    assertThat(OnnxHost.defaultIntraOpThreads(2)).isEqualTo(1);
    assertThat(OnnxHost.defaultIntraOpThreads(8)).isEqualTo(2);
    assertThat(OnnxHost.defaultIntraOpThreads(16)).isEqualTo(4);
    assertThat(OnnxHost.start(DevicePreference.CPU, 0).intraOpThreads())
        .isEqualTo(OnnxHost.defaultIntraOpThreads(Runtime.getRuntime().availableProcessors()));
    assertThat(OnnxHost.start(DevicePreference.CPU, 3).intraOpThreads()).isEqualTo(3);
  }

  @Test
  void runsARealModel() throws Exception {
    InstalledModel model = TinyModels.affine(models.resolve("affine"));
    ModelRegistry registry = new ModelRegistry(models, "hint");

    try (ModelSession session = OnnxHost.start(DevicePreference.CPU, 1).open(registry, model)) {
      Map<String, Tensor> out =
          session.run(
              Map.of("x", Tensor.ofFloats(new long[] {2, 3}, new float[] {0, 1, 2, 3, 4, 5})));

      assertThat(out.get("y").shape()).containsExactly(2, 3);
      assertThat(out.get("y").floats()).containsExactly(1, 3, 5, 7, 9, 11);
      assertThat(session.provider()).isEqualTo(ExecutionProvider.CPU);
    }
  }

  @Test
  void runBatchedSplitsOutputsBackPerItemAcrossBatches() throws Exception {
    InstalledModel model = TinyModels.affine(models.resolve("affine"));
    List<float[]> items =
        List.of(
            new float[] {0, 0, 0},
            new float[] {1, 1, 1},
            new float[] {2, 3, 4},
            new float[] {-1, -2, -3},
            new float[] {10, 20, 30});

    try (ModelSession session =
        OnnxHost.start(DevicePreference.CPU, 1).open(new ModelRegistry(models, "h"), model)) {
      List<Map<String, float[]>> out = session.runBatched("x", new long[] {3}, items, 2);

      assertThat(out).hasSize(5);
      for (int i = 0; i < items.size(); i++) {
        for (int j = 0; j < 3; j++) {
          assertThat(out.get(i).get("y")[j]).isCloseTo(2 * items.get(i)[j] + 1, within(1e-6f));
        }
      }
    }
  }

  @Test
  void cpuBuildAskedForCudaFallsBackToCpuAndSaysWhy() {
    ProviderChoice choice = OnnxHost.choose(DevicePreference.CUDA, EnumSet.of(OrtProvider.CPU));

    assertThat(choice.provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(choice.fallbackReasons()).singleElement().asString().startsWith("CUDA: not in");
    assertThat(choice.describe()).contains("CPU").contains("fell back").contains("CUDA");
  }

  @Test
  void autoTriesCudaThenDirectMlBeforeCpu() {
    ProviderChoice choice = OnnxHost.choose(DevicePreference.AUTO, EnumSet.of(OrtProvider.CPU));

    assertThat(choice.provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(choice.fallbackReasons()).hasSize(2);
    assertThat(choice.fallbackReasons().get(0)).startsWith("CUDA");
    assertThat(choice.fallbackReasons().get(1)).startsWith("DirectML");
  }

  @Test
  void cudaListedButUnloadableFallsBackWithTheRuntimesReason() {
    // The CPU jar has no CUDA provider library, so adding CUDA fails inside ONNX Runtime.
    ProviderChoice choice =
        OnnxHost.choose(DevicePreference.CUDA, EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA));

    assertThat(choice.provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(choice.fallbackReasons()).singleElement().asString().startsWith("CUDA: ");
  }

  @Test
  void askingForCpuUsesCpuWithoutFallback() {
    ProviderChoice choice = OnnxHost.choose(DevicePreference.CPU, EnumSet.of(OrtProvider.CPU));

    assertThat(choice.provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(choice.fallbackReasons()).isEmpty();
    assertThat(choice.describe()).isEqualTo("execution provider: CPU");
  }

  @Test
  void parsesDevicePreferencesAndRefusesUnknownOnes() {
    assertThat(DevicePreference.parse(" Cuda ")).isEqualTo(DevicePreference.CUDA);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DevicePreference.parse("tpu"))
        .hasMessageContaining("tpu")
        .hasMessageContaining("auto, cuda, directml, cpu");
  }
}
