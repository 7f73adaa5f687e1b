package org.sentio.learning.federated;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sample-weighted FedAvg (McMahan et al. 2017): the new model is the base plus Σ n_k·Δ_k / Σ n_k
 * over the sites' updates. Before anything is averaged every update is checked, and the first fault
 * refuses the whole round: an update for another base model, the same update twice, tensors that do
 * not match the base, no samples, or a norm no honest round produces (above {@code maxNorm}, or
 * above {@link #OUTLIER_FACTOR} times the median of the others' — a poisoned update).
 */
public final class FederatedAveraging {
  /** How far above the median of the other updates' norms an update may lie. */
  public static final double OUTLIER_FACTOR = 10;

  /** An update read from {@code file}. */
  public record Input(Path file, UpdateFile.Update update) {}

  private FederatedAveraging() {}

  /**
   * The averaged delta of {@code inputs} for the base with tensors {@code base} and hash {@code
   * baseSha256}.
   *
   * @throws UpdateFile.UpdateFileException naming the first update refused and why
   */
  public static Map<String, WeightTensors.Tensor> average(
      Map<String, WeightTensors.Tensor> base, String baseSha256, List<Input> inputs, double maxNorm)
      throws UpdateFile.UpdateFileException {
    if (inputs.isEmpty()) {
      throw new UpdateFile.UpdateFileException("no updates to aggregate");
    }
    Map<String, Path> seen = new HashMap<>();
    List<Double> norms = new ArrayList<>();
    for (Input in : inputs) {
      UpdateFile.Update u = in.update();
      if (!u.baseSha256().equalsIgnoreCase(baseSha256)) {
        throw new UpdateFile.UpdateFileException(
            in.file()
                + ": made for another base model (sha256 "
                + abbreviate(u.baseSha256())
                + ", this base is "
                + abbreviate(baseSha256)
                + "); aggregate it with its own base, or ask the site to export against this one");
      }
      Path earlier = seen.putIfAbsent(u.checksum(), in.file());
      if (earlier != null) {
        throw new UpdateFile.UpdateFileException(
            in.file() + ": the same update as " + earlier + " (a duplicate); give each site once");
      }
      if (u.samples() < 1) {
        throw new UpdateFile.UpdateFileException(
            in.file() + ": says it was trained on " + u.samples() + " samples; at least 1 needed");
      }
      if (!u.weightDelta().keySet().equals(base.keySet())) {
        throw new UpdateFile.UpdateFileException(
            in.file() + ": its tensors do not match the base model's (another architecture)");
      }
      for (Map.Entry<String, WeightTensors.Tensor> e : base.entrySet()) {
        if (!Arrays.equals(e.getValue().shape(), u.weightDelta().get(e.getKey()).shape())) {
          throw new UpdateFile.UpdateFileException(
              in.file() + ": tensor " + e.getKey() + " has another shape than the base model's");
        }
      }
      double norm = WeightTensors.norm(u.weightDelta());
      if (!(norm <= maxNorm)) {
        throw new UpdateFile.UpdateFileException(
            String.format(
                Locale.ROOT,
                "%s: update norm %.3f is above the limit %.3f (a poisoned or broken update);"
                    + " leave it out",
                in.file(),
                norm,
                maxNorm));
      }
      norms.add(norm);
    }
    if (inputs.size() >= 3) {
      for (int i = 0; i < inputs.size(); i++) {
        List<Double> others = new ArrayList<>(norms);
        others.remove(i);
        others.sort(null);
        double median = others.get(others.size() / 2);
        if (norms.get(i) > OUTLIER_FACTOR * median) {
          throw new UpdateFile.UpdateFileException(
              String.format(
                  Locale.ROOT,
                  "%s: update norm %.3f is over %.0f times the others' median %.3f (a poisoned"
                      + " update?); leave it out",
                  inputs.get(i).file(),
                  norms.get(i),
                  OUTLIER_FACTOR,
                  median));
        }
      }
    }
    long total = inputs.stream().mapToLong(i -> i.update().samples()).sum();
    Map<String, WeightTensors.Tensor> sum = WeightTensors.minus(base, base);
    for (Input in : inputs) {
      sum =
          WeightTensors.plus(
              sum, in.update().weightDelta(), in.update().samples() / (double) total);
    }
    return sum;
  }

  static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
  }
}
