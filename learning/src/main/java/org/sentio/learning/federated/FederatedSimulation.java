package org.sentio.learning.federated;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.learning.privacy.DpSgdTrainer;
import org.sentio.learning.privacy.RdpAccountant;

/**
 * Simulated federation over non-IID sites: every round each site trains the global model on its own
 * windows with DP-SGD and sends its weight delta; the server averages them (sample-weighted
 * FedAvg). Three ways of sending — float32, 4-bit, and 4-bit with error feedback (the site keeps
 * what quantisation dropped and adds it to its next delta; Seide et al. 2014, Karimireddy et al.
 * 2019) — run side by side from the same start, beside centralised DP-SGD on all windows for as
 * many epochs. Held-out accuracy is measured after every round.
 *
 * <p>Non-IID split: class c is {@link #HOME_WEIGHT} times as likely to go to its home site (c mod
 * N) as to each other site, so every site sees every class but few of most.
 */
public final class FederatedSimulation {
  /** How much likelier a window goes to its class's home site. */
  public static final double HOME_WEIGHT = 4;

  /** How the sites send their deltas. */
  public enum Transport {
    FLOAT32("float32 FedAvg"),
    INT4("4-bit FedAvg"),
    INT4_ERROR_FEEDBACK("4-bit FedAvg + error feedback"),
    CENTRALISED("centralised DP-SGD");

    public final String label;

    Transport(String label) {
      this.label = label;
    }
  }

  /** One curve: held-out accuracy after each round, bytes sent per round, ε per site. */
  public record Curve(
      Transport transport, double[] accuracy, long bytesPerRound, double[] epsilon) {}

  /** The simulation's figures. */
  public record Result(int[] siteWindows, int heldOutWindows, List<Curve> curves) {}

  private final MoeTrainer trainer;
  private final DpSgdTrainer.Settings settings;
  private final Consumer<String> log;

  public FederatedSimulation(
      MoeTrainer.Config config, DpSgdTrainer.Settings settings, Consumer<String> log) {
    this.trainer = new MoeTrainer(config);
    this.settings = settings;
    this.log = log;
  }

  /** The rows of {@code data} for each of {@code sites} sites (non-IID by class). */
  public static int[][] split(MoeTrainer.Windows data, int sites, long seed) {
    Random random = new Random(seed);
    List<List<Integer>> rows = new ArrayList<>();
    for (int s = 0; s < sites; s++) {
      rows.add(new ArrayList<>());
    }
    for (int i = 0; i < data.size(); i++) {
      int home = data.label()[i] % sites;
      double total = HOME_WEIGHT + (sites - 1);
      double u = random.nextDouble() * total;
      int site;
      if (u < HOME_WEIGHT) {
        site = home;
      } else {
        int other = (int) (u - HOME_WEIGHT);
        site = other >= home ? other + 1 : other;
      }
      rows.get(Math.min(site, sites - 1)).add(i);
    }
    return rows.stream()
        .map(r -> r.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  /** The windows at {@code rows}. */
  public static MoeTrainer.Windows subset(MoeTrainer.Windows d, int[] rows) {
    int w = d.x().length / d.size();
    float[] x = new float[rows.length * w];
    float[] mask = new float[rows.length * 3];
    int[] label = new int[rows.length];
    float[] v = new float[rows.length];
    float[] a = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(d.x(), rows[i] * w, x, i * w, w);
      System.arraycopy(d.mask(), rows[i] * 3, mask, i * 3, 3);
      label[i] = d.label()[rows[i]];
      v[i] = d.valence()[rows[i]];
      a[i] = d.arousal()[rows[i]];
    }
    return new MoeTrainer.Windows(x, mask, label, v, a);
  }

  public Result run(
      MoeTrainer.Windows train, MoeTrainer.Windows heldOut, int sites, int rounds, String baseSha) {
    int[][] split = split(train, sites, trainer.config().seed());
    List<MoeTrainer.Windows> data = new ArrayList<>();
    for (int[] rows : split) {
      data.add(subset(train, rows));
    }
    int[] sizes = Arrays.stream(split).mapToInt(r -> r.length).toArray();
    log.accept("sites' windows: " + Arrays.toString(sizes));
    MoeWeights start = trainer.initialWeights();
    List<Curve> curves = new ArrayList<>();
    for (Transport t : Transport.values()) {
      curves.add(
          t == Transport.CENTRALISED
              ? centralised(train, heldOut, rounds, start)
              : federated(t, data, heldOut, rounds, start, baseSha));
    }
    return new Result(sizes, heldOut.size(), curves);
  }

  private Curve federated(
      Transport transport,
      List<MoeTrainer.Windows> sites,
      MoeTrainer.Windows heldOut,
      int rounds,
      MoeWeights start,
      String baseSha) {
    MoeWeights global = start;
    RdpAccountant[] spent = new RdpAccountant[sites.size()];
    Arrays.setAll(spent, i -> new RdpAccountant());
    List<Map<String, WeightTensors.Tensor>> residual = new ArrayList<>();
    for (int s = 0; s < sites.size(); s++) {
      residual.add(null);
    }
    double[] accuracy = new double[rounds];
    long bytes = 0;
    long samples = sites.stream().mapToLong(MoeTrainer.Windows::size).sum();
    for (int round = 0; round < rounds; round++) {
      Map<String, WeightTensors.Tensor> globalTensors = WeightTensors.of(global);
      Map<String, WeightTensors.Tensor> sum = WeightTensors.minus(globalTensors, globalTensors);
      bytes = 0;
      for (int s = 0; s < sites.size(); s++) {
        DpSgdTrainer.Result local =
            new DpSgdTrainer(trainer, settings).train(sites.get(s), global, spent[s], step -> {});
        spent[s] = spent[s].plus(local.run());
        Map<String, WeightTensors.Tensor> delta =
            WeightTensors.minus(WeightTensors.of(local.weights()), globalTensors);
        Map<String, WeightTensors.Tensor> sent;
        if (transport == Transport.FLOAT32) {
          sent = delta;
          bytes += 4 * WeightTensors.size(delta);
        } else {
          Map<String, WeightTensors.Tensor> toSend =
              transport == Transport.INT4_ERROR_FEEDBACK && residual.get(s) != null
                  ? WeightTensors.plus(delta, residual.get(s), 1)
                  : delta;
          sent = new LinkedHashMap<>();
          byte[] file =
              UpdateFile.encode(
                  baseSha,
                  sites.get(s).size(),
                  spent[s].spent(settings.delta()).epsilon(),
                  settings.delta(),
                  transport == Transport.INT4_ERROR_FEEDBACK,
                  toSend,
                  sent);
          bytes += file.length;
          if (transport == Transport.INT4_ERROR_FEEDBACK) {
            residual.set(s, WeightTensors.minus(toSend, sent));
          }
        }
        sum = WeightTensors.plus(sum, sent, sites.get(s).size() / (double) samples);
      }
      global = WeightTensors.toWeights(WeightTensors.plus(globalTensors, sum, 1), start);
      accuracy[round] = accuracy(global, heldOut);
      log.accept(
          String.format(
              java.util.Locale.ROOT,
              "%s round %d: held-out accuracy %.4f, %d bytes sent",
              transport.label,
              round + 1,
              accuracy[round],
              bytes));
    }
    double[] epsilon =
        Arrays.stream(spent).mapToDouble(a -> a.spent(settings.delta()).epsilon()).toArray();
    return new Curve(transport, accuracy, bytes, epsilon);
  }

  private Curve centralised(
      MoeTrainer.Windows train, MoeTrainer.Windows heldOut, int rounds, MoeWeights start) {
    MoeWeights weights = start;
    RdpAccountant spent = new RdpAccountant();
    double[] accuracy = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      DpSgdTrainer.Result r =
          new DpSgdTrainer(trainer, settings).train(train, weights, spent, step -> {});
      spent = spent.plus(r.run());
      weights = r.weights();
      accuracy[round] = accuracy(weights, heldOut);
      log.accept(
          String.format(
              java.util.Locale.ROOT,
              "%s round %d: held-out accuracy %.4f",
              Transport.CENTRALISED.label,
              round + 1,
              accuracy[round]));
    }
    return new Curve(
        Transport.CENTRALISED, accuracy, 0, new double[] {spent.spent(settings.delta()).epsilon()});
  }

  /** Accuracy of the trainer's forward pass on labelled windows. */
  public static double accuracy(MoeWeights weights, MoeTrainer.Windows w) {
    MoeTrainer.Outputs out = MoeTrainer.predict(weights, w.x(), w.mask(), w.size());
    long right =
        IntStream.range(0, w.size())
            .filter(
                i -> {
                  int best = 0;
                  for (int k = 1; k < 7; k++) {
                    if (out.emotions()[i * 7 + k] > out.emotions()[i * 7 + best]) {
                      best = k;
                    }
                  }
                  return best == w.label()[i];
                })
            .count();
    return right / (double) w.size();
  }
}
