package org.sentio.app.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.sentio.affect.speech.HalfBand;
import org.sentio.affect.speech.InstalledSpeechModel;
import org.sentio.affect.speech.RecognitionStream;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.SpeechModelException;
import org.sentio.affect.speech.SpeechRecognizer;
import org.sentio.affect.speech.WordErrorRate;
import org.sentio.affect.voice.AudioFiles;
import org.sentio.app.SentioHome;
import org.sentio.app.SpeechSettings;
import org.sentio.capture.media.MediaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentio asr-eval}: the word error rate and real-time factor of a speech model on labelled
 * recordings (a CSV with an audio path column and a reference text column), at 16 kHz or at
 * telephone band (the audio decoded at 8 kHz, so nothing above 4 kHz survives, then brought back to
 * 16 kHz for the model, as a telephone recording played into Sentio would be).
 */
@Command(
    name = "asr-eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a speech model: word error rate and real-time factor on labelled recordings.",
      "LABELS is a CSV with a header; paths are relative to its folder. Example (RAVDESS):",
      "  sentio asr-eval ../shared/data/speech_ravdess_train/labels.csv --text-column statement"
          + " --every 5 --telephone"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:measured", "1:internal error", "2:bad input (the message names it)"})
public final class AsrEvalCommand implements Callable<Integer> {
  private static final int RATE = 16_000;

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "LABELS", description = "CSV of recordings and reference texts.")
  Path labels;

  @Option(
      names = "--audio-column",
      defaultValue = "path",
      description = "Column with the audio path (default: ${DEFAULT-VALUE}).")
  String audioColumn;

  @Option(
      names = "--text-column",
      defaultValue = "text",
      description = "Column with the reference text (default: ${DEFAULT-VALUE}).")
  String textColumn;

  @Option(
      names = "--every",
      defaultValue = "1",
      description = "Use every N-th row, from the first (default: ${DEFAULT-VALUE}).")
  int every;

  @Option(
      names = "--telephone",
      description =
          "Telephone band: decode at 8 kHz (nothing above 4 kHz survives), then resample to the"
              + " model's 16 kHz.")
  boolean telephone;

  @Option(names = "--lang", defaultValue = "en", description = "Model language (default: en).")
  String language;

  @Override
  public Integer call() throws Exception {
    if (every < 1) {
      throw new UserError("--every must be 1 or more, got " + every);
    }
    List<Map<String, String>> rows = rows();
    InstalledSpeechModel model =
        SpeechSettings.models(common.dataDirectory())
            .forLanguage(language)
            .orElseThrow(
                () ->
                    new UserError("no speech model for language '" + language + "' is installed"));
    long errors = 0;
    long referenceWords = 0;
    double audioSeconds = 0;
    long recogniseNanos = 0;
    long recogniseCpuNanos = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int clips = 0;
    Map<String, long[]> perText = new TreeMap<>();
    try (SpeechRecognizer recognizer = SpeechRecognizer.open(model, SentioHome.restoreHint())) {
      for (int i = 0; i < rows.size(); i += every) {
        Map<String, String> row = rows.get(i);
        Path audio = labels.toAbsolutePath().getParent().resolve(row.get(audioColumn));
        float[] samples = decode(audio);
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        List<RecognizedWord> heard;
        try (RecognitionStream stream = recognizer.newStream(RATE)) {
          stream.accept(samples);
          heard = stream.finish();
        }
        recogniseNanos += System.nanoTime() - start;
        recogniseCpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
        List<String> reference = WordErrorRate.words(row.get(textColumn));
        int e = WordErrorRate.errors(reference, heard.stream().map(RecognizedWord::text).toList());
        errors += e;
        referenceWords += reference.size();
        long[] t = perText.computeIfAbsent(row.get(textColumn), k -> new long[2]);
        t[0] += e;
        t[1] += reference.size();
        audioSeconds += samples.length / (double) RATE;
        clips++;
      }
    } catch (SpeechModelException e) {
      throw new UserError(e.getMessage(), e);
    }
    System.out.printf(
        Locale.ROOT,
        "model %s %s, %d clips (every %d of %d rows), %.1f s of audio, %s%n",
        model.name(),
        model.manifest().version(),
        clips,
        every,
        rows.size(),
        audioSeconds,
        telephone ? "telephone band (8 kHz and back to 16 kHz)" : "16 kHz");
    System.out.printf(
        Locale.ROOT,
        "WER %.2f %% (%d errors / %d reference words)%n",
        100.0 * errors / Math.max(1, referenceWords),
        errors,
        referenceWords);
    for (Map.Entry<String, long[]> t : perText.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "  %-40s WER %.2f %% (%d words)%n",
          "\"" + t.getKey() + "\"",
          100.0 * t.getValue()[0] / Math.max(1, t.getValue()[1]),
          t.getValue()[1]);
    }
    System.out.printf(
        Locale.ROOT,
        "real-time factor %.3f CPU (%.1f CPU s recognising / %.1f s of audio, one thread),"
            + " %.3f wall%n",
        recogniseCpuNanos / 1e9 / audioSeconds,
        recogniseCpuNanos / 1e9,
        audioSeconds,
        recogniseNanos / 1e9 / audioSeconds);
    return 0;
  }

  private float[] decode(Path audio) throws UserError {
    try {
      return telephone
          ? HalfBand.upsample2x(AudioFiles.readMono(audio, RATE / 2))
          : AudioFiles.readMono(audio, RATE);
    } catch (MediaException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private List<Map<String, String>> rows() throws UserError {
    if (!Files.isRegularFile(labels)) {
      throw new UserError(labels + ": no such file; give a CSV of recordings and texts");
    }
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(labels.toFile())) {
      while (it.hasNext()) {
        Map<String, String> row = it.next();
        if (!row.containsKey(audioColumn) || !row.containsKey(textColumn)) {
          throw new UserError(
              labels
                  + ": no column '"
                  + (row.containsKey(audioColumn) ? textColumn : audioColumn)
                  + "'; name the columns with --audio-column and --text-column");
        }
        rows.add(row);
      }
    } catch (IOException | RuntimeException e) {
      throw new UserError(labels + ": not a readable CSV (" + e.getMessage() + ")", e);
    }
    if (rows.isEmpty()) {
      throw new UserError(labels + ": no rows");
    }
    return rows;
  }
}
