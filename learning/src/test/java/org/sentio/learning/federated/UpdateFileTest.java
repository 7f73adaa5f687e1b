package org.sentio.learning.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.MoeWeights;

/** The .sfu format and FedAvg's refusals, on the real fusion model's tensors. */
class UpdateFileTest {
  static final MoeWeights BASE = MoeWeights.random(32, 16, 2, 32, 1L);
  static final MoeWeights SITE = MoeWeights.random(32, 16, 2, 32, 2L);
  static final String BASE_SHA = "a".repeat(64);

  private static Map<String, WeightTensors.Tensor> delta(double scale) {
    Map<String, WeightTensors.Tensor> base = WeightTensors.of(BASE);
    Map<String, WeightTensors.Tensor> d = WeightTensors.minus(WeightTensors.of(SITE), base);
    return WeightTensors.plus(WeightTensors.minus(base, base), d, scale);
  }

  private static Path write(Path dir, String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private static byte[] update(long samples, double scale) {
    return UpdateFile.encode(BASE_SHA, samples, 1.5, 1e-5, false, delta(scale), null);
  }

  @Test
  void roundTripsAndIsOverEightyPercentSmallerThanFloat32(@TempDir Path dir) throws Exception {
    Map<String, WeightTensors.Tensor> sent = new LinkedHashMap<>();
    byte[] bytes = UpdateFile.encode(BASE_SHA, 120, 1.5, 1e-5, true, delta(0.01), sent);
    UpdateFile.Update u = UpdateFile.read(write(dir, "u.sfu", bytes));
    assertThat(u.baseSha256()).isEqualTo(BASE_SHA);
    assertThat(u.samples()).isEqualTo(120);
    assertThat(u.epsilon()).isEqualTo(1.5);
    assertThat(u.errorFeedback()).isTrue();
    for (String name : sent.keySet()) {
      assertThat(u.weightDelta().get(name).values()).containsExactly(sent.get(name).values());
    }
    long float32 = 4 * WeightTensors.size(delta(0.01));
    assertThat(1 - bytes.length / (double) float32).isGreaterThan(0.80);
  }

  @Test
  void refusesCorruptTruncatedAndForeignFiles(@TempDir Path dir) throws Exception {
    byte[] good = update(100, 0.01);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    assertThatThrownBy(() -> UpdateFile.read(write(dir, "flipped.sfu", flipped)))
        .hasMessageEndingWith(
            "flipped.sfu: corrupt (checksum mismatch); ask the site to export it again");
    assertThatThrownBy(
            () -> UpdateFile.read(write(dir, "short.sfu", Arrays.copyOf(good, good.length - 100))))
        .hasMessageContaining("short.sfu: truncated");
    assertThatThrownBy(() -> UpdateFile.read(write(dir, "head.sfu", Arrays.copyOf(good, 9))))
        .hasMessageContaining("head.sfu: truncated");
    assertThatThrownBy(() -> UpdateFile.read(write(dir, "model.onnx", "onnx".getBytes())))
        .hasMessageContaining("model.onnx: not a Sentio federated update");
    byte[] future = good.clone();
    future[5] = 9;
    assertThatThrownBy(() -> UpdateFile.read(write(dir, "v9.sfu", future)))
        .hasMessageContaining("update format version 9");
  }

  @Test
  void fedAvgWeighsBySamples(@TempDir Path dir) throws Exception {
    UpdateFile.Update a = UpdateFile.read(write(dir, "a.sfu", update(100, 0.01)));
    UpdateFile.Update b = UpdateFile.read(write(dir, "b.sfu", update(300, -0.01)));
    Map<String, WeightTensors.Tensor> avg =
        FederatedAveraging.average(
            WeightTensors.of(BASE),
            BASE_SHA,
            List.of(
                new FederatedAveraging.Input(dir.resolve("a.sfu"), a),
                new FederatedAveraging.Input(dir.resolve("b.sfu"), b)),
            1e9);
    float[] x = avg.get("wc").values();
    float[] da = a.weightDelta().get("wc").values();
    float[] db = b.weightDelta().get("wc").values();
    for (int i = 0; i < x.length; i++) {
      assertThat(x[i])
          .isCloseTo(0.25f * da[i] + 0.75f * db[i], org.assertj.core.api.Assertions.within(1e-6f));
    }
  }

  @Test
  void fedAvgRefusesForeignBaseDuplicatesAndAbsurdNorms(@TempDir Path dir) throws Exception {
    Map<String, WeightTensors.Tensor> base = WeightTensors.of(BASE);
    Path a = write(dir, "a.sfu", update(100, 0.01));
    Path b = write(dir, "b.sfu", update(100, 0.012));
    Path c = write(dir, "c.sfu", update(100, 0.011));
    Path same = write(dir, "a-again.sfu", Files.readAllBytes(a));
    Path poisoned = write(dir, "poisoned.sfu", update(100, 5.0));
    Path foreign =
        write(
            dir,
            "foreign.sfu",
            UpdateFile.encode("b".repeat(64), 10, 1, 1e-5, false, delta(0.01), null));
    assertThatThrownBy(() -> FederatedAveraging.average(base, BASE_SHA, inputs(a, foreign), 1e9))
        .hasMessageContaining("foreign.sfu: made for another base model (sha256 bbbbbbbbbbbb…");
    assertThatThrownBy(() -> FederatedAveraging.average(base, BASE_SHA, inputs(a, same), 1e9))
        .hasMessageContaining("a-again.sfu: the same update as")
        .hasMessageContaining("a duplicate");
    assertThatThrownBy(
            () -> FederatedAveraging.average(base, BASE_SHA, inputs(a, b, c, poisoned), 1e9))
        .hasMessageContaining("poisoned.sfu: update norm")
        .hasMessageContaining("times the others' median");
    double limit = WeightTensors.norm(base);
    assertThatThrownBy(() -> FederatedAveraging.average(base, BASE_SHA, inputs(a, poisoned), limit))
        .hasMessageContaining("poisoned.sfu: update norm")
        .hasMessageContaining("is above the limit");
    assertThat(FederatedAveraging.average(base, BASE_SHA, inputs(a, b, c), limit)).isNotEmpty();
  }

  private static List<FederatedAveraging.Input> inputs(Path... files) throws Exception {
    List<FederatedAveraging.Input> in = new java.util.ArrayList<>();
    for (Path f : files) {
      in.add(new FederatedAveraging.Input(f, UpdateFile.read(f)));
    }
    return in;
  }
}
