package org.sentio.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sentio.affect.Emotion;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.text.EncoderFeatures;
import org.sentio.affect.text.EncoderTextTraining;
import org.sentio.affect.text.Language;
import org.sentio.affect.text.SentenceEncoder;
import org.sentio.affect.text.TextFeaturizer;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectTargets;
import org.sentio.affect.train.ModelFolder;
import org.sentio.app.DataDirectory;
import org.sentio.app.SentioHome;
import org.sentio.app.store.Annotation;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import org.sentio.learning.privacy.DpSgd;
import org.sentio.learning.privacy.DpSgdTrainer;
import org.sentio.learning.privacy.DpTextHeadTrainer;
import org.sentio.learning.privacy.RdpAccountant;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * {@code sentio train text --from-annotations --dp}: the stored utterances inside labelled spans,
 * each with its span's label, fine-tune the sentence-embedding head of {@code text-affect-en-bge}
 * with DP-SGD (the fusion model's loop, {@link org.sentio.learning.privacy.DpSgd}); the shipped
 * n-gram part is joined back unchanged, so its weights carry nothing of the annotations. The
 * candidate goes into the candidates folder beside fusion candidates and the run into the ledger.
 */
final class PrivateTextTraining {
  /** Fewer annotated utterances than this give a head that noise alone decides. */
  static final int MIN_UTTERANCES = 50;

  /** At most this many expected passes over the utterances; the budget usually stops it first. */
  static final int MAX_EPOCHS = 10;

  private static final String COMMAND = "train text";
  private static final EncoderTextTraining.Spec SPEC = EncoderTextTraining.Spec.EN;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One annotated utterance: its session, text and the label of the span it lies in. */
  record LabelledUtterance(long session, String text, Emotion label) {}

  private PrivateTextTraining() {}

  /** Trains, writes the candidate, records the run; exit 0, or a {@link UserError}. */
  static int run(PrivateTraining options, Path dataDir, Path out, Language language)
      throws Exception {
    if (language != Language.EN) {
      throw new UserError(
          COMMAND
              + " --from-annotations: only English (--lang en) is trained from annotations;"
              + " the Chinese head is not wired");
    }
    if (!options.dp) {
      throw new UserError(
          COMMAND
              + " --from-annotations: needs --dp (the text head learns from annotations only"
              + " with differential privacy)");
    }
    DpSgdTrainer.Settings settings = options.settings(COMMAND, MAX_EPOCHS);
    List<LabelledUtterance> utterances;
    try (SessionStore store =
        TrainCommand.openExistingStore(DataDirectory.resolve(dataDir), COMMAND)) {
      utterances = annotatedUtterances(store);
    }
    if (utterances.size() < MIN_UTTERANCES) {
      throw new UserError(
          String.format(
              Locale.ROOT,
              "%s --from-annotations: %d annotated utterances in the store, at least %d needed;"
                  + " label more spans that carry a transcript in Review",
              COMMAND,
              utterances.size(),
              MIN_UTTERANCES));
    }
    try {
      settings.check(utterances.size());
    } catch (IllegalArgumentException e) {
      throw new UserError(COMMAND + " --dp: " + e.getMessage().replace("windows", "utterances"), e);
    }
    Map<Long, Integer> sessionUtterances = new LinkedHashMap<>();
    for (LabelledUtterance u : utterances) {
      sessionUtterances.merge(u.session(), 1, Integer::sum);
    }
    RdpAccountant prior = options.prior(COMMAND, dataDir, sessionUtterances);

    ModelRegistry registry =
        new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
    InstalledModel shipped = verified(registry, SPEC.modelName);
    InstalledModel ngramModel = verified(registry, SPEC.base.modelName);
    AffectMlp joined = AffectMlpOnnx.read(Files.readAllBytes(shipped.modelFile()));
    AffectMlp ngram = AffectMlpOnnx.read(Files.readAllBytes(ngramModel.modelFile()));
    AffectMlp start = EncoderTextTraining.headOf(joined, ngram, EncoderTextTraining.NGRAM_WEIGHT);

    System.err.println(
        "embedding "
            + utterances.size()
            + " annotated utterances from "
            + sessionUtterances.size()
            + " sessions with "
            + SPEC.encoder.id);
    float[][] embeddings = new float[utterances.size()][];
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    try (SentenceEncoder encoder = SentenceEncoder.open(host, SPEC.encoder)) {
      for (int i = 0; i < embeddings.length; i++) {
        embeddings[i] = encoder.embed(utterances.get(i).text());
      }
    } catch (ModelException e) {
      throw new UserError(COMMAND + ": " + e.getMessage(), e);
    }
    DpTextHeadTrainer.Examples examples = examples(utterances, embeddings);
    long maxSteps = DpSgd.maxSteps(settings, examples.size());
    System.err.printf(
        Locale.ROOT,
        "DP-SGD: %d utterances, Poisson sampling rate %.4f (expected batch %d), noise multiplier"
            + " %s, clipping norm %s, budget epsilon %s at delta %s, at most %d steps%n",
        examples.size(),
        settings.samplingRate(examples.size()),
        settings.expectedBatch(),
        settings.noiseMultiplier(),
        settings.clip(),
        settings.targetEpsilon(),
        settings.delta(),
        maxSteps);
    long started = System.nanoTime();
    DpTextHeadTrainer.Result result;
    try {
      result = new DpTextHeadTrainer(settings).train(examples, start, prior, step -> {});
    } catch (DpSgdTrainer.BudgetSpentException e) {
      throw new UserError(COMMAND + " --dp: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    AffectMlp candidate =
        EncoderTextTraining.join(ngram, result.head(), EncoderTextTraining.NGRAM_WEIGHT);
    System.err.printf(
        Locale.ROOT,
        "DP-SGD: %d steps in %.1f s, epsilon %.4f at delta %s (composed with earlier runs"
            + " %.4f)%s%n",
        result.run().steps(),
        seconds,
        result.run().spent().epsilon(),
        settings.delta(),
        result.run().composed().epsilon(),
        result.run().stoppedByBudget() ? "; stopped before the budget was spent" : "");

    Path folder = (out != null ? out : PrivateTraining.candidates(dataDir)).resolve(SPEC.modelName);
    // Written aside and moved into place after its ledger entry is committed, as for fusion.
    Path written = PrivateTraining.staging(folder);
    writeCandidate(written, shipped, candidate, result, settings, examples.size());
    options.record(
        dataDir,
        written,
        folder,
        sessionUtterances,
        result.run().samplingRate(),
        result.run().steps(),
        result.run().spent().epsilon());
    PrivateTraining.publish(written, folder);
    System.err.println("wrote candidate " + folder.resolve(ModelFolder.MODEL_FILE));
    System.out.printf(
        Locale.ROOT,
        "on the %d annotated utterances (the training data, not held out): shipped %.4f,"
            + " candidate %.4f%n",
        utterances.size(),
        accuracy(joined, utterances, embeddings),
        accuracy(candidate, utterances, embeddings));
    System.out.printf(
        Locale.ROOT,
        "candidate %s: epsilon %.4f at delta %s over %d steps; compare it with sentio models%n",
        folder,
        result.run().spent().epsilon(),
        settings.delta(),
        result.run().steps());
    return 0;
  }

  /**
   * Every stored utterance whose middle lies inside a labelled span, with that span's label;
   * utterances under spans of different labels are left out (no single label is theirs).
   */
  static List<LabelledUtterance> annotatedUtterances(SessionStore store) throws UserError {
    return annotatedUtterances(store, COMMAND + " --from-annotations");
  }

  /** {@link #annotatedUtterances(SessionStore)}, a store failure named after {@code command}. */
  static List<LabelledUtterance> annotatedUtterances(SessionStore store, String command)
      throws UserError {
    List<LabelledUtterance> out = new ArrayList<>();
    try {
      for (SessionSummary summary : store.sessions().list()) {
        List<Annotation> annotations = store.annotations().list(summary.id());
        if (annotations.isEmpty()) {
          continue;
        }
        Optional<StoredSession> session = store.sessions().load(summary.id());
        if (session.isEmpty()) {
          continue;
        }
        for (Utterance u : session.get().result().transcript()) {
          if (u.text() == null || u.text().isBlank()) {
            continue;
          }
          double middle = (u.startSeconds() + u.endSeconds()) / 2;
          Emotion label = null;
          boolean ambiguous = false;
          for (Annotation a : annotations) {
            if (middle >= a.startSeconds() && middle < a.endSeconds()) {
              Emotion e = Emotion.parse(a.label());
              ambiguous |= label != null && label != e;
              label = e;
            }
          }
          if (label != null && !ambiguous) {
            out.add(new LabelledUtterance(summary.id(), u.text(), label));
          }
        }
      }
    } catch (StoreException e) {
      throw new UserError(command + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static InstalledModel verified(ModelRegistry registry, String name) throws UserError {
    try {
      InstalledModel model = registry.readManifest(registry.directory().resolve(name));
      registry.requireVerified(model);
      return model;
    } catch (ModelException e) {
      throw new UserError(COMMAND + ": " + e.getMessage(), e);
    }
  }

  /** The head's rows: the weighted embedding, as {@link EncoderFeatures} places it. */
  private static DpTextHeadTrainer.Examples examples(
      List<LabelledUtterance> utterances, float[][] embeddings) {
    float[][] x = new float[utterances.size()][SentenceEncoder.DIMENSION];
    int[] y = new int[utterances.size()];
    float[] valence = new float[utterances.size()];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < SentenceEncoder.DIMENSION; j++) {
        x[i][j] = EncoderFeatures.EMBEDDING_WEIGHT * embeddings[i][j];
      }
      y[i] = utterances.get(i).label().ordinal();
      valence[i] = (float) AffectTargets.valence(utterances.get(i).label());
    }
    return new DpTextHeadTrainer.Examples(x, y, valence);
  }

  /** Accuracy of a joined linear model on the utterances (argmax of its emotion logits). */
  static double accuracy(
      AffectMlp model, List<LabelledUtterance> utterances, float[][] embeddings) {
    EncoderFeatures features =
        new EncoderFeatures(SPEC.base.language, EncoderTextTraining.Features.COMBINED);
    int right = 0;
    for (int i = 0; i < utterances.size(); i++) {
      float[] x = features.vector(utterances.get(i).text(), embeddings[i]);
      int best = 0;
      double bestLogit = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < Emotion.COUNT; k++) {
        double logit = model.bc()[k];
        for (int j = 0; j < x.length; j++) {
          if (x[j] != 0) {
            logit += x[j] * model.wc()[j * Emotion.COUNT + k];
          }
        }
        if (logit > bestLogit) {
          bestLogit = logit;
          best = k;
        }
      }
      right += best == utterances.get(i).label().ordinal() ? 1 : 0;
    }
    return right / (double) utterances.size();
  }

  private static void writeCandidate(
      Path folder,
      InstalledModel shipped,
      AffectMlp candidate,
      DpTextHeadTrainer.Result result,
      DpSgdTrainer.Settings settings,
      int utterances)
      throws IOException {
    Map<String, Object> manifest =
        JSON.readValue(
            shipped.directory().resolve("manifest.json").toFile(),
            new TypeReference<LinkedHashMap<String, Object>>() {});
    manifest.remove("file");
    manifest.remove("sha256");
    manifest.put("version", shipped.manifest().version() + "+dp");
    Map<String, Object> training = new LinkedHashMap<>();
    training.put(
        "command",
        "./sentio train text --from-annotations --dp (fine-tuned from "
            + SPEC.modelName
            + " "
            + shipped.manifest().version()
            + ", model.onnx sha256 "
            + shipped.manifest().sha256()
            + ")");
    training.put("annotatedUtterances", utterances);
    training.put(
        "retrained",
        "the sentence-embedding head only (inputs "
            + TextFeaturizer.DIMENSION
            + ".."
            + (EncoderFeatures.DIMENSION - 1)
            + "); the n-gram weights are those of the shipped model, untouched");
    training.put("shippedTraining", manifest.get("training"));
    manifest.put("training", training);
    Map<String, Object> privacy = new LinkedHashMap<>();
    privacy.put("mechanism", "DP-SGD (Abadi et al. 2016): per-utterance clipping, Gaussian noise");
    privacy.put("epsilon", result.run().spent().epsilon());
    privacy.put("delta", settings.delta());
    privacy.put("order", result.run().spent().order());
    privacy.put("composedEpsilon", result.run().composed().epsilon());
    privacy.put("budgetEpsilon", settings.targetEpsilon());
    privacy.put("noiseMultiplier", settings.noiseMultiplier());
    privacy.put("clip", settings.clip());
    privacy.put("sampling", "Poisson");
    privacy.put("samplingRate", result.run().samplingRate());
    privacy.put("expectedBatch", settings.expectedBatch());
    privacy.put("steps", result.run().steps());
    privacy.put("utterances", utterances);
    privacy.put("stoppedByBudget", result.run().stoppedByBudget());
    privacy.put(
        "accountant",
        "Renyi DP of the subsampled Gaussian (Mironov, Talwar & Zhang 2019), orders 1.1-63,"
            + " conversion of Balle et al. 2020");
    privacy.put("noise", "SecureRandom");
    manifest.put("privacy", privacy);
    byte[] onnx =
        AffectMlpOnnx.write(
            candidate,
            "sentio train text --from-annotations --dp",
            "Text affect (EN): shipped n-grams, DP-SGD fine-tuned " + SPEC.encoder.id + " head");
    ModelFolder.write(folder, onnx, manifest);
    for (String file : List.of("LICENSE.txt")) {
      Path source = shipped.directory().resolve(file);
      if (Files.isRegularFile(source)) {
        Files.copy(source, folder.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String card =
        Files.isRegularFile(shipped.directory().resolve("MODEL_CARD.md"))
            ? Files.readString(shipped.directory().resolve("MODEL_CARD.md"))
            : "# " + SPEC.modelName + "\n";
    Files.writeString(
        folder.resolve("MODEL_CARD.md"),
        card
            + String.format(
                Locale.ROOT,
                "\n## Differential privacy (this candidate)\n\nThe sentence-embedding head was"
                    + " fine-tuned from the shipped model on %d annotated\nutterances with DP-SGD"
                    + " (Abadi et al. 2016): Poisson sampling at rate %.4f (expected batch %d),\n"
                    + "each utterance's gradient clipped to L2 norm %s, Gaussian noise of standard"
                    + " deviation\n%s × %s added to the sum, %d steps%s. The Rényi accountant"
                    + " (Mironov, Talwar & Zhang\n2019; conversion of Balle et al. 2020) gives"
                    + " **ε = %.3f at δ = %s** for any one annotated\nutterance (%.3f composed"
                    + " with earlier DP runs on the same sessions; budget %s). The n-gram\n"
                    + "weights are the shipped model's, not retrained: they carry nothing of the"
                    + " annotations.\nThe figures above are the shipped model's, not this"
                    + " candidate's.\n",
                utterances,
                result.run().samplingRate(),
                settings.expectedBatch(),
                settings.clip(),
                settings.noiseMultiplier(),
                settings.clip(),
                result.run().steps(),
                result.run().stoppedByBudget()
                    ? " (stopped before the step that would exceed the budget)"
                    : "",
                result.run().spent().epsilon(),
                settings.delta(),
                result.run().composed().epsilon(),
                settings.targetEpsilon()));
  }
}
