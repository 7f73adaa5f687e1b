package org.sentio.affect.fusion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.train.ModelFolder;
import org.sentio.affect.train.SharedData;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * {@code sentio train fusion}: builds paired windows ({@link FusionData}), trains ({@link
 * MoeTrainer}), checks trainer ↔ ONNX parity for both formulations, evaluates on held-out windows
 * and writes {@code fusion-moe} (model.onnx in the fused formulation, manifest, model card).
 */
public final class FusionTraining {
  public static final String VERSION = "1.0.0";
  public static final int TRAIN_WINDOWS = 4000;
  public static final int HELD_OUT_WINDOWS = 2000;

  /** The held-out windows are drawn with the training seed plus this. */
  private static final long HELD_OUT_SEED_OFFSET = 7;

  /** Training windows per distinct sample of a small pool (see {@link FusionData#windows}). */
  public static final int MAX_REUSE = 3;

  /** Held-out accuracies and expert load. */
  public record Report(
      Map<String, Double> accuracy,
      Map<String, Double> withoutModality,
      ExpertLoad load,
      double parityStandard,
      double parityFused,
      int trainWindows,
      int heldOutWindows,
      int annotatedWindows) {}

  /**
   * What to train on: the shared-data pools read within {@code limits}, {@code trainWindows} paired
   * training windows and {@code heldOutWindows} held-out ones, plus the user's {@code annotated}
   * windows (null for none), or those alone with {@code annotatedOnly}.
   */
  public record Plan(
      FusionData.Limits limits,
      int trainWindows,
      int heldOutWindows,
      AnnotatedWindows annotated,
      boolean annotatedOnly) {
    public static final Plan SHARED_DATA =
        new Plan(FusionData.Limits.ALL, TRAIN_WINDOWS, HELD_OUT_WINDOWS, null, false);

    /** This plan with the user's annotated windows added to (or replacing) the shared ones. */
    public Plan withAnnotations(AnnotatedWindows windows, boolean only) {
      return new Plan(limits, trainWindows, heldOutWindows, windows, only);
    }

    int annotatedCount() {
      return annotated == null ? 0 : annotated.size();
    }
  }

  /**
   * How the weights are fitted to the training windows: the plain trainer, or a private one (the
   * {@code learning} module's DP-SGD) that also states its guarantee for the manifest and card.
   */
  public interface Fitter {
    MoeWeights fit(MoeTrainer.Windows train, IntConsumer progress);

    /** The manifest's {@code privacy} entry, or null when the training is not private. */
    default Map<String, Object> privacy() {
      return null;
    }

    /** A model-card paragraph stating the guarantee (empty when not private). */
    default String privacyCard() {
      return "";
    }
  }

  private FusionTraining() {}

  /** The seed of the held-out windows of a training run with {@code config}. */
  public static long heldOutSeed(MoeTrainer.Config config) {
    return config.seed() + HELD_OUT_SEED_OFFSET;
  }

  /**
   * Refuses a plan whose annotated windows cannot train a model, saying how many were found and how
   * many are needed.
   */
  public static void check(Plan plan) {
    if (plan.annotated() == null) {
      return;
    }
    if (plan.annotated().size() == 0) {
      throw new IllegalArgumentException(
          "no annotated windows to train on: "
              + plan.annotated().describe()
              + "; label spans with one of neutral, happy, sad, angry, fearful, disgusted,"
              + " surprised in the Review view");
    }
    if (plan.annotatedOnly() && plan.annotated().size() < MoeTrainer.MIN_WINDOWS) {
      throw new IllegalArgumentException(
          "too few annotated windows to train the fusion model on them alone: found "
              + plan.annotated().describe()
              + ", at least "
              + MoeTrainer.MIN_WINDOWS
              + " are needed (label more of your sessions, or train on them together with the"
              + " shared data by leaving out --annotations-only)");
    }
  }

  public static Report run(
      OnnxHost host,
      ModelRegistry registry,
      Path output,
      MoeTrainer.Config config,
      Plan plan,
      Consumer<String> log)
      throws Exception {
    return run(
        host,
        registry,
        output,
        config,
        plan,
        (train, progress) -> new MoeTrainer(config).train(train, progress),
        log);
  }

  /** {@link #run} with the weights fitted by {@code fitter}. */
  public static Report run(
      OnnxHost host,
      ModelRegistry registry,
      Path output,
      MoeTrainer.Config config,
      Plan plan,
      Fitter fitter,
      Consumer<String> log)
      throws Exception {
    check(plan);
    FusionData.Pools pools;
    log.accept("reading face, voice and text model outputs on their held-out data ...");
    pools = FusionData.pools(host, registry, plan.limits());
    for (Modality m : MoeFusionModel.MODALITIES) {
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: %d train / %d held-out samples (per class %s / %s)",
              m.label(),
              pools.train().get(m).size(),
              pools.heldOut().get(m).size(),
              FusionData.describe(FusionData.counts(pools.train().get(m))),
              FusionData.describe(FusionData.counts(pools.heldOut().get(m)))));
      log.accept(
          String.format(
              Locale.ROOT,
              "%s accuracy: train pool %.4f, held-out pool %.4f",
              m.label(),
              poolAccuracy(pools.train().get(m)),
              poolAccuracy(pools.heldOut().get(m))));
    }
    MoeTrainer.Windows train;
    if (plan.annotatedOnly()) {
      train = plan.annotated().encode();
    } else {
      List<Emotion> trainLabels = new ArrayList<>();
      train =
          FusionData.encode(
              FusionData.windows(
                  pools.train(), plan.trainWindows(), config.seed(), trainLabels, MAX_REUSE),
              trainLabels);
      if (plan.annotated() != null) {
        train = train.plus(plan.annotated().encode());
      }
    }
    if (plan.annotated() != null) {
      log.accept(
          "training on " + train.size() + " windows, of which " + plan.annotated().describe());
    }
    List<Emotion> heldLabels = new ArrayList<>();
    List<Map<Modality, AffectEstimate>> held =
        FusionData.windows(pools.heldOut(), plan.heldOutWindows(), heldOutSeed(config), heldLabels);
    long start = System.nanoTime();
    MoeWeights weights =
        fitter.fit(
            train,
            e -> {
              if (e % 10 == 0 || e == config.epochs()) {
                log.accept("epoch " + e + "/" + config.epochs());
              }
            });
    log.accept(String.format(Locale.ROOT, "trained in %.1f s", (System.nanoTime() - start) / 1e9));

    MoeTrainer.Outputs onTrain = MoeTrainer.predict(weights, train.x(), train.mask(), train.size());
    int right = 0;
    for (int i = 0; i < train.size(); i++) {
      int best = 0;
      for (int k = 1; k < 7; k++) {
        if (onTrain.emotions()[i * 7 + k] > onTrain.emotions()[i * 7 + best]) {
          best = k;
        }
      }
      right += best == train.label()[i] ? 1 : 0;
    }
    log.accept(
        String.format(
            Locale.ROOT, "accuracy on the training windows: %.4f", right / (double) train.size()));
    MoeTrainer.Windows heldEncoded = FusionData.encode(held, heldLabels);
    MoeTrainer.Outputs ref =
        MoeTrainer.predict(weights, heldEncoded.x(), heldEncoded.mask(), heldEncoded.size());
    double[] parity = new double[2];
    Path scratch = Files.createTempDirectory("sentio-fusion");
    for (MoeOnnx.Formulation f : MoeOnnx.Formulation.values()) {
      try (MoeFusion fusion =
          new MoeFusion(MoeFusion.openFile(host, scratch.resolve(f.name()), weights, f))) {
        float[] onnx =
            fusion
                .run(heldEncoded.x(), heldEncoded.mask(), heldEncoded.size())
                .get(MoeOnnx.EMOTIONS)
                .floats();
        double max = 0;
        for (int i = 0; i < onnx.length; i++) {
          max = Math.max(max, Math.abs(onnx[i] - ref.emotions()[i]));
        }
        parity[f.ordinal()] = max;
      }
    }
    if (parity[0] > 1e-5 || parity[1] > 1e-5) {
      throw new IllegalStateException(
          "the exported graph does not reproduce the trainer: max |diff| "
              + parity[0]
              + " / "
              + parity[1]);
    }
    byte[] onnx =
        MoeOnnx.write(
            weights,
            MoeOnnx.Formulation.FUSED,
            "sentio train fusion " + VERSION,
            "Sentio MoE fusion");
    Path tmp = scratch.resolve("final");
    Report report;
    writeFolder(tmp, onnx, config, null, fitter, pools.models());
    try (MoeFusion fusion =
        new MoeFusion(host.openUnchecked(new ModelRegistry(scratch, "").readManifest(tmp)))) {
      report =
          evaluate(
              fusion,
              held,
              heldLabels,
              weights.experts(),
              parity,
              train.size(),
              plan.annotatedCount());
    }
    writeFolder(output, onnx, config, report, fitter, pools.models());
    log.accept("wrote " + output);
    return report;
  }

  /** Accuracy of MoE fusion and baselines on held-out windows, and with each modality removed. */
  public static Report evaluate(
      MoeFusion fusion,
      List<Map<Modality, AffectEstimate>> windows,
      List<Emotion> labels,
      int experts,
      double[] parity,
      int trainWindows,
      int annotatedWindows)
      throws FusionException {
    FusionComparison.Result compared = FusionComparison.run(windows, fusion, experts);
    Map<String, Double> acc = new LinkedHashMap<>();
    acc.put(
        FusionComparison.MOE, accuracy(compared.predictions().get(FusionComparison.MOE), labels));
    for (Modality m : MoeFusionModel.MODALITIES) {
      acc.put(
          m.label(),
          accuracy(windows.stream().map(w -> FusionComparison.top(w.get(m))).toList(), labels));
    }
    Map<String, Double> without = new LinkedHashMap<>();
    compared
        .predictions()
        .forEach(
            (method, predicted) -> {
              if (method.startsWith(FusionComparison.WITHOUT)) {
                without.put(method, accuracy(predicted, labels));
              } else if (!method.equals(FusionComparison.MOE)) {
                acc.put(method, accuracy(predicted, labels));
              }
            });
    return new Report(
        acc,
        without,
        compared.load(),
        parity[0],
        parity[1],
        trainWindows,
        windows.size(),
        annotatedWindows);
  }

  static double poolAccuracy(List<FusionData.Sample> samples) {
    int right = 0;
    for (FusionData.Sample s : samples) {
      right += FusionComparison.top(s.estimate()) == s.label() ? 1 : 0;
    }
    return samples.isEmpty() ? 0 : right / (double) samples.size();
  }

  private static double accuracy(List<Emotion> predicted, List<Emotion> truth) {
    int right = 0;
    for (int i = 0; i < truth.size(); i++) {
      right += predicted.get(i) == truth.get(i) ? 1 : 0;
    }
    return right / (double) truth.size();
  }

  private static void writeFolder(
      Path folder,
      byte[] onnx,
      MoeTrainer.Config config,
      Report report,
      Fitter fitter,
      Map<Modality, String> inputModels)
      throws IOException {
    Map<String, Object> privacy = fitter.privacy();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", MoeFusion.MODEL);
    m.put("version", privacy == null ? VERSION : VERSION + "+dp");
    m.put("task", "fusion of face, voice and text affect estimates: sparse mixture of experts");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put(
        "package",
        "trained in Sentio on windows pairing outputs of "
            + inputModels.get(Modality.FACE)
            + " (faces_fer2013_publictest), "
            + inputModels.get(Modality.VOICE)
            + " (speech_ravdess_train actors 17-20) and "
            + inputModels.get(Modality.TEXT)
            + " (text_goemotions_ekman_train dev split) of the same label");
    source.put("file", "labels.csv");
    source.put(
        "sha256", ModelFolder.sha256(SharedData.dataset(FusionData.SPEECH).resolve("labels.csv")));
    m.put("source", source);
    m.put("converter", "sentio train fusion " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", "CC-BY-NC-SA-4.0");
    m.put("modelCard", "MODEL_CARD.md");
    m.put(
        "inputs",
        List.of(
            port(
                MoeOnnx.INPUT,
                List.of(-1, MoeFusionModel.WIDTH),
                "float32",
                "per modality (face, voice, text): ln(p + 0.001) of the 7 probabilities, valence, arousal, confidence; 0 where absent"),
            port(
                MoeOnnx.MASK,
                List.of(-1, 3),
                "float32",
                "1 present, 0 absent (face, voice, text)")));
    m.put(
        "outputs",
        List.of(
            port(
                MoeOnnx.EMOTIONS,
                List.of(-1, 7),
                "float32",
                "softmax probabilities in the order of classes"),
            port(MoeOnnx.VALENCE, List.of(-1, 1), "float32", "valence in [-1, 1]"),
            port(MoeOnnx.AROUSAL, List.of(-1, 1), "float32", "arousal in [-1, 1]"),
            port(
                MoeOnnx.MODALITY_WEIGHTS,
                List.of(-1, 3),
                "float32",
                "attention weight per modality"),
            port(MoeOnnx.EXPERTS, List.of(-1, config.topK()), "int64", "chosen experts"),
            port(
                MoeOnnx.EXPERT_WEIGHTS,
                List.of(-1, config.topK()),
                "float32",
                "renormalised gate weights")));
    m.put(
        "preprocessing",
        "org.sentio.affect.fusion.MoeFusionModel.encode of the modality estimates");
    m.put("classes", List.of("neutral", "happy", "sad", "angry", "fear", "disgust", "surprise"));
    m.put("formulation", MoeOnnx.Formulation.FUSED.description);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("command", "./sentio train fusion");
    training.put("config", config.toString());
    training.put(
        "split",
        "voice: fusion trained on actors 17-18, validated on 19-20; face and text: alternate rows");
    if (report != null && report.annotatedWindows() > 0) {
      training.put("command", "./sentio train fusion --from-annotations");
      training.put("annotatedWindows", report.annotatedWindows());
    }
    m.put("training", training);
    if (privacy != null) {
      m.put("privacy", privacy);
    }
    if (report != null) {
      // A LinkedHashMap, not Map.of, whose order changes between JVMs: the manifest must be
      // written byte for byte the same by every retrain.
      Map<String, Object> heldOut = new LinkedHashMap<>();
      heldOut.put("accuracy", report.accuracy());
      heldOut.put("withoutModality", report.withoutModality());
      m.put("heldOut", heldOut);
    }
    ModelFolder.write(folder, onnx, m);
    if (report != null) {
      Files.writeString(
          folder.resolve("MODEL_CARD.md"),
          card(config, report, inputModels) + fitter.privacyCard());
      Files.writeString(
          folder.resolve("LICENSE.txt"),
          "The weights were fitted on outputs computed from RAVDESS (CC BY-NC-SA 4.0), FER-2013\n"
              + "(research use) and GoEmotions (Apache-2.0); they inherit RAVDESS's non-commercial,\n"
              + "share-alike condition: https://creativecommons.org/licenses/by-nc-sa/4.0/\n");
    }
  }

  private static Map<String, Object> port(
      String name, List<Integer> shape, String type, String meaning) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("shape", shape);
    p.put("type", type);
    p.put("meaning", meaning);
    return p;
  }

  static String card(MoeTrainer.Config c, Report r, Map<Modality, String> inputModels) {
    StringBuilder b = new StringBuilder();
    b.append("# fusion-moe ").append(VERSION).append(" — sparse mixture-of-experts fusion\n\n");
    b.append(
        "**What it is.** Per-modality tanh projections (one matrix shared by the three\n"
            + "modalities, so a modality is weighed by its reliability but its classes are not remapped;\n"
            + "per-modality biases) of the face, voice and text estimates (ln(p + 0.001) of the 7\n"
            + "probabilities, valence, arousal, confidence) into a shared latent of "
            + c.latent()
            + "; attention over\n"
            + "the present modalities (absent ones masked); a gate over "
            + c.experts()
            + " ReLU experts (inner width "
            + c.inter()
            + "),\n"
            + "top-"
            + c.topK()
            + " with renormalised gate weights; a residual; heads for 7 emotions, valence and arousal.\n"
            + "Shipped in ONNX Runtime's `com.microsoft.MoE` formulation; the standard-op formulation\n"
            + "(TopK/GatherElements) is equal within 1e-5 (max |diff| of the probabilities on the held-out\n"
            + String.format(
                Locale.ROOT,
                "windows: standard %.2e, fused %.2e vs the trainer).\n\n",
                r.parityStandard(),
                r.parityFused()));
    b.append(
        "**Training data.** No aligned multimodal corpus exists here, so each window pairs, *by label*,\n"
            + "one face, one voice and one text estimate made by the models the analysis runs by default,\n"
            + "on data they were not trained on: "
            + inputModels.get(Modality.FACE)
            + " on `faces_fer2013_publictest` crops (confidence 1 —\n"
            + "crop mode, no detector), "
            + inputModels.get(Modality.VOICE)
            + " on RAVDESS actors 17–20, "
            + inputModels.get(Modality.TEXT)
            + " on GoEmotions' dev\n"
            + "split. Train: "
            + (r.trainWindows() - r.annotatedWindows())
            + " windows from voice actors 17–18 and the even-position faces/texts;\n"
            + "held out: "
            + r.heldOutWindows()
            + " windows from voice actors 19–20 (speaker-held-out) and the odd-position\n"
            + "faces/texts (FER-2013 carries no subject ids, so face subjects may recur across the halves).\n"
            + "Labels are drawn uniformly over the 7 classes."
            + (r.annotatedWindows() > 0
                ? " Added to the training windows: "
                    + r.annotatedWindows()
                    + " windows of the user's own annotated sessions (`--from-annotations`),\n"
                    + "labelled by the user over stored sessions, with the estimates the analysis stored."
                : "")
            + "\n\n");
    b.append(
        "**Loss.** Cross-entropy + "
            + c.regressionWeight()
            + "·(MSE valence + MSE arousal against the\n"
            + "label's circumplex targets) + "
            + c.balanceWeight()
            + "·Switch/GShard load-balancing loss +\n"
            + c.alignWeight()
            + "·symmetric InfoNCE (τ = "
            + c.temperature()
            + ") between the projections of\n"
            + "modalities of the same window; modality dropout "
            + c.modalityDropout()
            + ", Gaussian noise σ = "
            + c.inputNoise()
            + " on the log-probabilities\n(the voice pool holds only 104 distinct clips per split). DJL 0.36 /\n"
            + "PyTorch 2.7.1, Adam, "
            + c.epochs()
            + " epochs, batch "
            + c.batchSize()
            + ", seed "
            + c.seed()
            + ", one thread. The same seed and data give bit-identical weights, in one process or\n"
            + "in separate ones.\n\n");
    b.append(
        "**What it learns — and what not.** Because the three inputs of a window come from different\n"
            + "people and recordings that share only the label, the modalities are conditionally independent\n"
            + "given the label by construction. The model therefore learns to *weigh independent evidence by\n"
            + "its reliability* (which modality to trust for which class and confidence pattern). It cannot\n"
            + "learn *cross-modal interactions* (sarcasm: smiling face with negative words; masking; timing),\n"
            + "and its attention weights must not be read as evidence of such interactions. The label\n"
            + "distribution is uniform, not that of real sessions.\n\n");
    b.append(
        "**Held-out figures, trainer's own evaluation** (accuracy on the held-out windows, all three\n"
            + "modalities present):\n\n");
    b.append("| method | accuracy |\n|---|---|\n");
    r.accuracy().forEach((k, v) -> b.append(String.format(Locale.ROOT, "| %s | %.4f |\n", k, v)));
    b.append("\nWith one modality removed:\n\n| method | accuracy |\n|---|---|\n");
    r.withoutModality()
        .forEach((k, v) -> b.append(String.format(Locale.ROOT, "| %s | %.4f |\n", k, v)));
    b.append("\n")
        .append(r.load().describe())
        .append(
            " (capacity factor "
                + ExpertLoad.DEFAULT_CAPACITY_FACTOR
                + ", batch "
                + ExpertLoad.DEFAULT_BATCH
                + ").\n\n");
    b.append(
        "Reproduce: `./sentio train fusion` (prints these figures; a few minutes on 2 cores).\n\n");
    b.append(
        "**Held-out evaluation through `sentio evaluate`.** The same held-out windows as files:\n"
            + "`./sentio train fusion --heldout-csv heldout.csv` writes one row per window (label, the\n"
            + "FER-2013 face image, the RAVDESS clip and the GoEmotions sentence, by path under\n"
            + "`../shared/data`; nothing is copied), and `./sentio evaluate --crops heldout.csv` runs the\n"
            + "shipped models on them and prints every method on the same rows with the expert load.\n\n");
    b.append(
        "**Must not be used for** clinical or hiring decisions, or as evidence of a person's inner\n"
            + "state; acted speech (RAVDESS) and Reddit text are not everyday sessions. Non-commercial\n"
            + "licence (RAVDESS, CC BY-NC-SA 4.0).\n");
    return b.toString();
  }
}
