package org.sentio.affect.fusion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.AffectTargets;
import org.sentio.affect.train.FeatureRows;
import org.sentio.affect.train.ShippedModels;

/**
 * Does a fusion that reads the modality embeddings beside the probabilities do better on the
 * held-out windows? The experiment fixed in docs/decisions/0059 before it ran: on {@code
 * fusion-moe}'s training and held-out windows, a linear model and a small MLP each on P (the MoE's
 * inputs and presence flags) and on P+E (plus the voice and text embeddings); prints the four
 * held-out figures once. Minutes of CPU, so a bench: {@code mvn -pl fusion-model -am test
 * -Dtest=EmbeddingFusionBench -Dsentio.benchmark=embedding-fusion
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "sentio.benchmark", matches = "embedding-fusion")
class EmbeddingFusionBench {
  private static final long SEED = 20261129L;
  private static final int VOICE = 64;
  private static final int TEXT = 384;
  private static final int P = MoeFusionModel.WIDTH + 3;

  @Test
  void fusionOnProbabilitiesAgainstProbabilitiesAndEmbeddings() throws Exception {
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
    long start = System.nanoTime();
    FusionData.Pools pools =
        FusionData.pools(ShippedModels.host(), ShippedModels.registry(), FusionData.Limits.ALL);
    List<Emotion> trainLabels = new ArrayList<>();
    List<Map<Modality, AffectEstimate>> train =
        FusionData.windows(
            pools.train(),
            FusionTraining.TRAIN_WINDOWS,
            SEED,
            trainLabels,
            FusionTraining.MAX_REUSE);
    List<Emotion> heldLabels = new ArrayList<>();
    List<Map<Modality, AffectEstimate>> held =
        FusionData.windows(pools.heldOut(), FusionTraining.HELD_OUT_WINDOWS, SEED + 7, heldLabels);
    System.out.printf(
        "pools read by %s in %.0f s; %d training and %d held-out windows; voice embedding in %d"
            + " and %d of them, text in %d and %d%n",
        pools.models(),
        (System.nanoTime() - start) / 1e9,
        train.size(),
        held.size(),
        withEmbedding(train, Modality.VOICE),
        withEmbedding(held, Modality.VOICE),
        withEmbedding(train, Modality.TEXT),
        withEmbedding(held, Modality.TEXT));
    for (int hidden : new int[] {0, 32}) {
      for (boolean embeddings : new boolean[] {false, true}) {
        print(
            hidden == 0 ? "linear" : "mlp-" + hidden,
            embeddings ? "P+E" : "P",
            fitAndScore(train, trainLabels, held, heldLabels, hidden, embeddings, embeddings));
      }
    }
    // Added after the four figures above were seen (not part of the decision of ADR 0059): which
    // embedding costs, each alone beside P.
    print("linear", "P+Ev", fitAndScore(train, trainLabels, held, heldLabels, 0, true, false));
    print("linear", "P+Et", fitAndScore(train, trainLabels, held, heldLabels, 0, false, true));
    System.out.printf(
        "load average before: %s, after: %s; %.0f s in all%n",
        loadBefore,
        Files.readString(Path.of("/proc/loadavg")).strip(),
        (System.nanoTime() - start) / 1e9);
  }

  private static ClassificationReport fitAndScore(
      List<Map<Modality, AffectEstimate>> train,
      List<Emotion> trainLabels,
      List<Map<Modality, AffectEstimate>> held,
      List<Emotion> heldLabels,
      int hidden,
      boolean voice,
      boolean text) {
    List<float[]> trainRows = rows(train, voice, text);
    int dimension = trainRows.get(0).length;
    float[][] standardisation = AffectMlpTrainer.standardisation(trainRows, dimension);
    float[] mean = standardisation[0];
    float[] scale = standardisation[1];
    int[] emotion = new int[trainLabels.size()];
    float[] valence = new float[trainLabels.size()];
    float[] arousal = new float[trainLabels.size()];
    for (int i = 0; i < emotion.length; i++) {
      emotion[i] = trainLabels.get(i).ordinal();
      valence[i] = (float) AffectTargets.valence(trainLabels.get(i));
      arousal[i] = (float) AffectTargets.arousal(trainLabels.get(i));
    }
    AffectMlp model =
        new AffectMlpTrainer(
                new AffectMlpTrainer.Config(hidden, 30, 64, 1e-3f, 1e-4f, 0, 0.5f, false, SEED))
            .train(
                standardised(trainRows, mean, scale, dimension),
                new AffectMlpTrainer.Targets(emotion, valence, arousal),
                mean,
                scale,
                epoch -> {});
    AffectMlpTrainer.Predictions predictions =
        AffectMlpTrainer.predict(
            model, standardised(rows(held, voice, text), mean, scale, dimension));
    ClassificationReport report = new ClassificationReport();
    for (int i = 0; i < heldLabels.size(); i++) {
      report.add(heldLabels.get(i), predictions.top(i));
    }
    return report;
  }

  private static FeatureRows standardised(
      List<float[]> rows, float[] mean, float[] scale, int dimension) {
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = AffectMlpTrainer.standardise(rows.get(i), mean, scale);
    }
    return FeatureRows.dense(out, dimension);
  }

  /**
   * P: the MoE's inputs and presence flags; then the voice (64) and text (384) embeddings asked.
   */
  private static List<float[]> rows(
      List<Map<Modality, AffectEstimate>> windows, boolean voice, boolean text) {
    List<float[]> out = new ArrayList<>(windows.size());
    for (Map<Modality, AffectEstimate> window : windows) {
      float[] row = new float[P + (voice ? VOICE : 0) + (text ? TEXT : 0)];
      float[] mask = new float[3];
      MoeFusionModel.encode(window, row, 0, mask, 0);
      System.arraycopy(mask, 0, row, MoeFusionModel.WIDTH, 3);
      if (voice) {
        copy(window.get(Modality.VOICE), row, P, VOICE);
      }
      if (text) {
        copy(window.get(Modality.TEXT), row, P + (voice ? VOICE : 0), TEXT);
      }
      out.add(row);
    }
    return out;
  }

  private static void print(String model, String input, ClassificationReport report) {
    System.out.printf(
        "%-10s %-4s held-out n=%d accuracy %.4f macro-F1 %.4f%n",
        model, input, report.n(), report.accuracy(), report.macroF1());
  }

  private static void copy(AffectEstimate estimate, float[] row, int offset, int size) {
    if (estimate.hasEmbedding()) {
      if (estimate.embedding().size() != size) {
        throw new IllegalStateException(estimate.embedding() + " is not " + size + " values");
      }
      for (int j = 0; j < size; j++) {
        row[offset + j] = estimate.embedding().value(j);
      }
    }
  }

  private static int withEmbedding(List<Map<Modality, AffectEstimate>> windows, Modality m) {
    return (int) windows.stream().filter(w -> w.get(m).hasEmbedding()).count();
  }
}
