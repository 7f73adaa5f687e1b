package org.sentio.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sentio.affect.text.Language;
import org.sentio.affect.text.TextModelTraining;
import org.sentio.affect.voice.VoiceModelTraining;
import org.sentio.app.SentioHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentio train voice|text|fusion}: retrains a shipped affect model from the shared labeled
 * data, reproducibly (same seed and data → the same model sha256), and prints its held-out figures.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Retrain the voice or text affect model from the labeled data sets (offline, CPU).",
    subcommands = {TrainCommand.Voice.class, TrainCommand.Text.class, TrainCommand.Fusion.class})
public final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError("train: say voice, text or fusion (see sentio train --help)");
  }

  /** Options both take. */
  static final class Where {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Folder holding the data sets (default: ../shared/data beside the install).")
    Path data;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Models folder to write into (default: the installed resources/models).")
    Path out;

    @Option(
        names = "--heldout-csv",
        paramLabel = "FILE",
        description = "Instead of training, write the held-out split as a CSV for sentio evaluate.")
    Path heldOutCsv;

    Path dataset(String name) throws UserError {
      Path root =
          data != null
              ? data
              : System.getProperty("sentio.shared.dir") != null
                  ? Path.of(System.getProperty("sentio.shared.dir")).resolve("data")
                  : SentioHome.locate().resolve("..").resolve("shared").resolve("data");
      Path dataset = root.resolve(name).normalize();
      if (!Files.isRegularFile(dataset.resolve("labels.csv"))) {
        throw new UserError(
            dataset + ": no labels.csv; point --data at the folder holding " + name);
      }
      return dataset;
    }

    Path modelFolder(String name) {
      return (out != null ? out : SentioHome.modelsDirectory()).resolve(name);
    }
  }

  /** {@code sentio train fusion}: the MoE fusion model from paired held-out model outputs. */
  @Command(
      name = "fusion",
      mixinStandardHelpOptions = true,
      description =
          "Train fusion-moe on windows pairing face, voice and text model outputs of the same label"
              + " (voice actors 19-20 held out).")
  static final class Fusion implements Callable<Integer> {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Folder holding the data sets (default: ../shared/data beside the install).")
    Path data;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Models folder to write into (default: the installed resources/models).")
    Path out;

    @Option(names = "--experts", defaultValue = "16", description = "Experts (8-32).")
    int experts;

    @Option(names = "--top-k", defaultValue = "2", description = "Experts per window.")
    int topK;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the windows.")
    int epochs;

    @Option(
        names = "--from-annotations",
        description = "Train on the user's annotated sessions (not available yet).")
    boolean fromAnnotations;

    @Override
    public Integer call() throws Exception {
      if (fromAnnotations) {
        throw new UserError(
            "train fusion --from-annotations: annotated sessions are not supported yet");
      }
      if (experts < 8 || experts > 32 || topK < 1 || topK > experts) {
        throw new UserError("train fusion: --experts must be 8-32 and 1 <= --top-k <= experts");
      }
      if (data != null) {
        System.setProperty("sentio.shared.dir", data.toAbsolutePath().getParent().toString());
      } else if (System.getProperty("sentio.shared.dir") == null) {
        System.setProperty(
            "sentio.shared.dir", SentioHome.locate().resolve("..").resolve("shared").toString());
      }
      org.sentio.affect.fusion.MoeTrainer.Config d =
          org.sentio.affect.fusion.MoeTrainer.Config.defaults();
      org.sentio.affect.fusion.MoeTrainer.Config config =
          new org.sentio.affect.fusion.MoeTrainer.Config(
              d.latent(),
              experts,
              topK,
              d.inter(),
              epochs,
              d.batchSize(),
              d.learningRate(),
              d.weightDecay(),
              d.regressionWeight(),
              d.balanceWeight(),
              d.alignWeight(),
              d.temperature(),
              d.modalityDropout(),
              d.inputNoise(),
              d.seed());
      org.sentio.runtime.OnnxHost host =
          org.sentio.runtime.OnnxHost.start(org.sentio.runtime.DevicePreference.CPU, 0);
      org.sentio.runtime.ModelRegistry registry =
          new org.sentio.runtime.ModelRegistry(
              SentioHome.modelsDirectory(), SentioHome.restoreHint());
      Path folder =
          (out != null ? out : SentioHome.modelsDirectory())
              .resolve(org.sentio.affect.fusion.MoeFusion.MODEL);
      org.sentio.affect.fusion.FusionTraining.Report report;
      try {
        report =
            org.sentio.affect.fusion.FusionTraining.run(
                host, registry, folder, config, System.err::println);
      } catch (IllegalArgumentException e) {
        throw new UserError("train fusion: " + e.getMessage());
      }
      report.accuracy().forEach((k, v) -> System.out.printf(Locale.ROOT, "%-22s %.4f%n", k, v));
      report
          .withoutModality()
          .forEach((k, v) -> System.out.printf(Locale.ROOT, "%-22s %.4f%n", k, v));
      System.out.println(report.load().describe());
      System.out.printf(
          Locale.ROOT,
          "trainer<->onnx max |diff|: standard %.2e, fused %.2e%n",
          report.parityStandard(),
          report.parityFused());
      return 0;
    }
  }

  /** {@code sentio train voice}. */
  @Command(
      name = "voice",
      mixinStandardHelpOptions = true,
      description = "Retrain voice-affect on speech_ravdess_train (actors 17-20 held out).")
  static final class Voice implements Callable<Integer> {
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(
        names = "--threads",
        defaultValue = "2",
        description = "Threads for feature extraction (training itself runs on one).")
    int threads;

    @Override
    public Integer call() throws UserError, IOException {
      Path dataset = where.dataset(VoiceModelTraining.DATASET);
      PrintStream err = System.err;
      if (where.heldOutCsv != null) {
        List<String[]> rows = new ArrayList<>();
        for (VoiceModelTraining.Clip clip : VoiceModelTraining.clips(dataset)) {
          if (clip.heldOut() && !clip.label().equals("calm")) {
            rows.add(new String[] {clip.label(), clip.file().toAbsolutePath().toString()});
          }
        }
        writeCsv(where.heldOutCsv, "audio", rows);
        err.println("wrote " + rows.size() + " held-out rows to " + where.heldOutCsv);
        return 0;
      }
      VoiceModelTraining.Result result =
          VoiceModelTraining.train(
              dataset, where.modelFolder(VoiceModelTraining.MODEL_NAME), threads, err::println);
      System.out.println(VoiceModelTraining.summary(result));
      System.out.print(result.heldOut().toText());
      System.out.println("sha256 " + result.sha256());
      return 0;
    }
  }

  /** {@code sentio train text --lang en|zh}. */
  @Command(
      name = "text",
      mixinStandardHelpOptions = true,
      description =
          "Retrain text-affect-en (GoEmotions, dev split held out) or text-affect-zh"
              + " (SMP2020-EWECT, eval split held out).")
  static final class Text implements Callable<Integer> {
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(names = "--lang", required = true, description = "en or zh")
    String lang;

    @Option(
        names = "--negation",
        defaultValue = "shipped",
        description =
            "Negation marking in the features: shipped (en on, zh off), or on/off to measure the"
                + " other setting without writing a model.")
    String negation;

    @Override
    public Integer call() throws UserError, IOException {
      Language language =
          switch (lang.toLowerCase(Locale.ROOT)) {
            case "en" -> Language.EN;
            case "zh" -> Language.ZH;
            default -> throw new UserError("--lang: use en or zh, not '" + lang + "'");
          };
      TextModelTraining.Spec spec = TextModelTraining.Spec.of(language);
      Path dataset = where.dataset(spec.dataset);
      if (where.heldOutCsv != null) {
        List<String[]> rows = new ArrayList<>();
        for (TextModelTraining.Item item : TextModelTraining.items(dataset)) {
          if (item.split().equals(spec.heldOutSplit)) {
            rows.add(new String[] {item.label(), item.text()});
          }
        }
        writeCsv(where.heldOutCsv, "text", rows);
        System.err.println("wrote " + rows.size() + " held-out rows to " + where.heldOutCsv);
        return 0;
      }
      boolean on =
          switch (negation.toLowerCase(Locale.ROOT)) {
            case "shipped" -> spec.negationMarking;
            case "on" -> true;
            case "off" -> false;
            default -> throw new UserError("--negation: use shipped, on or off");
          };
      Path folder = on == spec.negationMarking ? where.modelFolder(spec.modelName) : null;
      TextModelTraining.Result result =
          TextModelTraining.train(spec, dataset, folder, on, System.err::println);
      System.out.println(
          TextModelTraining.summary(spec, result) + "; negation marking " + (on ? "on" : "off"));
      System.out.print(result.heldOut().toText());
      System.out.println(
          folder == null ? "(measurement only: nothing written)" : "sha256 " + result.sha256());
      return 0;
    }
  }

  private static void writeCsv(Path file, String column, List<String[]> rows) throws IOException {
    StringBuilder csv = new StringBuilder("label,").append(column).append('\n');
    for (String[] row : rows) {
      csv.append(row[0]).append(',').append(quote(row[1])).append('\n');
    }
    Files.writeString(file, csv.toString());
  }

  private static String quote(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
