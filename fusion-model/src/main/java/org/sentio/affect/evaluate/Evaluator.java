package org.sentio.affect.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.face.AlignedFace;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.face.FloatImage;
import org.sentio.affect.fusion.ExpertLoad;
import org.sentio.affect.fusion.FusionComparison;
import org.sentio.affect.fusion.FusionException;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.fusion.MoeFusionModel;
import org.sentio.affect.text.TextAnalyzer;
import org.sentio.affect.voice.AudioFiles;
import org.sentio.affect.voice.VoiceAnalyzer;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.StillImage;
import org.sentio.capture.media.VideoFrame;
import org.sentio.runtime.ModelException;

/**
 * Runs the installed models over a {@link LabeledSet}: each row's image (face pipeline, or with
 * {@code crops} the expression model on the whole image), audio (voice model on the whole clip) and
 * text (text model of the detected language), and, on the rows with two or more modalities, the
 * fusion methods side by side ({@link FusionComparison}: the MoE model when installed, the plain
 * average of the modality probabilities, confidence-weighted fusion, the MoE model with each
 * modality removed) with the MoE model's expert load on those rows.
 *
 * <p>A modality that gives no estimate for a row (no face found, no speech, unreadable text) counts
 * as a <em>neutral</em> prediction, which is what the application shows then; {@link
 * Result#absent()} says how often that happened. A file named by several rows is analysed once.
 */
public final class Evaluator {
  /** Result keys of single modalities, in output order; fusion keys follow them. */
  public static final List<String> MODALITY_KEYS = List.of("face", "voice", "text");

  /**
   * The analyzers an evaluation uses; any may be null when no row needs it, and {@code moe} when no
   * MoE fusion model is installed ({@code experts} is then ignored).
   */
  public record Models(
      FaceAnalyzer face,
      ExpressionClassifier expression,
      VoiceAnalyzer voice,
      TextAnalyzer text,
      MoeFusion moe,
      int experts) {}

  /** Called after each row with the number of rows done and the total. */
  public interface Progress {
    void onRow(int done, int total);
  }

  /**
   * Per key (modalities, then fusion methods) the report, the rows it covered (by index in {@link
   * LabeledSet#rows()}) with whether the prediction was right, and how many rows had no estimate;
   * the number of rows the fusion methods ran on (those with two or more modalities) and the MoE
   * model's expert load on them (null without rows or without a MoE model).
   */
  public record Result(
      Map<String, ClassificationReport> reports,
      Map<String, Map<Integer, Boolean>> correct,
      Map<String, Integer> absent,
      int fusedRows,
      ExpertLoad load) {}

  private final Models models;
  private final boolean crops;
  private final Map<Path, AffectEstimate> faces = new HashMap<>();
  private final Map<Path, AffectEstimate> voices = new HashMap<>();

  public Evaluator(Models models, boolean crops) {
    this.models = models;
    this.crops = crops;
  }

  /**
   * Evaluates every row.
   *
   * @throws EvaluationException naming the row whose file could not be read or whose model failed
   */
  public Result evaluate(LabeledSet set, Progress progress) throws EvaluationException {
    Map<String, ClassificationReport> reports = new LinkedHashMap<>();
    Map<String, Map<Integer, Boolean>> correct = new LinkedHashMap<>();
    Map<String, Integer> absent = new LinkedHashMap<>();
    List<LabeledSet.Row> rows = set.rows();
    List<Integer> fusedRows = new ArrayList<>();
    List<Map<Modality, AffectEstimate>> fusedWindows = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      LabeledSet.Row row = rows.get(i);
      Map<Modality, AffectEstimate> estimates = estimates(set, row);
      for (Map.Entry<Modality, AffectEstimate> e : estimates.entrySet()) {
        AffectEstimate estimate = e.getValue();
        count(
            e.getKey().label(),
            i,
            row.emotion(),
            FusionComparison.top(estimate),
            hasEmotions(estimate),
            reports,
            correct,
            absent);
      }
      if (estimates.size() > 1) {
        fusedRows.add(i);
        fusedWindows.add(estimates);
      }
      progress.onRow(i + 1, rows.size());
    }
    ExpertLoad load = null;
    if (!fusedWindows.isEmpty()) {
      FusionComparison.Result compared;
      try {
        compared = FusionComparison.run(fusedWindows, models.moe(), models.experts());
      } catch (FusionException e) {
        throw new EvaluationException(set.file() + ": " + e.getMessage(), e);
      }
      load = compared.load();
      for (Map.Entry<String, List<Emotion>> method : compared.predictions().entrySet()) {
        Modality removed = removedBy(method.getKey());
        for (int j = 0; j < fusedRows.size(); j++) {
          int i = fusedRows.get(j);
          boolean present =
              fusedWindows.get(j).entrySet().stream()
                  .anyMatch(e -> e.getKey() != removed && hasEmotions(e.getValue()));
          count(
              method.getKey(),
              i,
              rows.get(i).emotion(),
              method.getValue().get(j),
              present,
              reports,
              correct,
              absent);
        }
      }
    }
    Map<String, ClassificationReport> ordered = new LinkedHashMap<>();
    Map<String, Map<Integer, Boolean>> orderedCorrect = new LinkedHashMap<>();
    Map<String, Integer> orderedAbsent = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(MODALITY_KEYS);
    reports.keySet().stream().filter(k -> !MODALITY_KEYS.contains(k)).forEach(keys::add);
    for (String key : keys) {
      if (reports.containsKey(key)) {
        ordered.put(key, reports.get(key));
        orderedCorrect.put(key, correct.get(key));
        orderedAbsent.put(key, absent.get(key));
      }
    }
    return new Result(ordered, orderedCorrect, orderedAbsent, fusedRows.size(), load);
  }

  /**
   * The estimates of each modality {@code row} of {@code set} carries (a modality that finds
   * nothing gives an absent estimate), as the analysis makes them; a file named by several rows is
   * analysed once.
   *
   * @throws EvaluationException naming the row whose file could not be read or whose model failed
   */
  public Map<Modality, AffectEstimate> estimates(LabeledSet set, LabeledSet.Row row)
      throws EvaluationException {
    Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
    try {
      if (row.image() != null) {
        estimates.put(Modality.FACE, cached(faces, row.image(), () -> face(row.image())));
      }
      if (row.audio() != null) {
        estimates.put(
            Modality.VOICE,
            cached(
                voices,
                row.audio(),
                () -> models.voice().analyzeClip(AudioFiles.readMono(row.audio(), 16_000))));
      }
      if (row.text() != null) {
        estimates.put(Modality.TEXT, models.text().analyze(row.text()));
      }
    } catch (MediaException | ModelException e) {
      throw new EvaluationException(set.file() + " row " + row.line() + ": " + e.getMessage(), e);
    }
    return estimates;
  }

  /** The modality a "moe without" method removes, or null. */
  private static Modality removedBy(String method) {
    if (!method.startsWith(FusionComparison.WITHOUT)) {
      return null;
    }
    String label = method.substring(FusionComparison.WITHOUT.length());
    return MoeFusionModel.MODALITIES.stream()
        .filter(m -> m.label().equals(label))
        .findFirst()
        .orElse(null);
  }

  private static boolean hasEmotions(AffectEstimate e) {
    return e.isPresent() && e.hasEmotions();
  }

  /** An analysis of one file that may fail. */
  private interface FileAnalysis {
    AffectEstimate run() throws MediaException, ModelException;
  }

  private static AffectEstimate cached(
      Map<Path, AffectEstimate> cache, Path file, FileAnalysis analysis)
      throws MediaException, ModelException {
    AffectEstimate known = cache.get(file);
    if (known == null) {
      known = analysis.run();
      cache.put(file, known);
    }
    return known;
  }

  private static void count(
      String key,
      int index,
      Emotion truth,
      Emotion predicted,
      boolean present,
      Map<String, ClassificationReport> reports,
      Map<String, Map<Integer, Boolean>> correct,
      Map<String, Integer> absent) {
    reports.computeIfAbsent(key, k -> new ClassificationReport()).add(truth, predicted);
    correct.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(index, truth == predicted);
    absent.merge(key, present ? 0 : 1, Integer::sum);
  }

  private AffectEstimate face(Path image) throws MediaException, ModelException {
    VideoFrame frame = StillImage.read(image);
    if (crops) {
      AlignedFace face =
          AlignedFace.whole(FloatImage.fromBgr(frame.width(), frame.height(), frame.bgr()));
      var expression = models.expression().classify(List.of(face));
      return AffectEstimate.present(Modality.FACE, expression.get(0), Double.NaN, Double.NaN, 1);
    }
    List<FaceObservation> faces = models.face().analyze(frame.width(), frame.height(), frame.bgr());
    if (faces.isEmpty()) {
      return AffectEstimate.absent(
          Modality.FACE, AbsenceReason.NO_FACE, AbsenceDetail.NO_FACE_FOUND.text());
    }
    return faces.get(0).toEstimate();
  }

  /** McNemar's test between two results on the same rows, per key both have. */
  public static Map<String, McNemar> compare(Result a, Result b) {
    Map<String, McNemar> out = new LinkedHashMap<>();
    for (String key : a.correct().keySet()) {
      Map<Integer, Boolean> ca = a.correct().get(key);
      Map<Integer, Boolean> cb = b.correct().get(key);
      if (cb == null) {
        continue;
      }
      long onlyA = 0;
      long onlyB = 0;
      for (Map.Entry<Integer, Boolean> e : ca.entrySet()) {
        Boolean other = cb.get(e.getKey());
        if (other == null) {
          continue;
        }
        onlyA += e.getValue() && !other ? 1 : 0;
        onlyB += !e.getValue() && other ? 1 : 0;
      }
      out.put(key, McNemar.of(onlyA, onlyB));
    }
    return out;
  }

  /** Keys present in a result, in output order. */
  public static List<String> keys(Result result) {
    return new ArrayList<>(result.reports().keySet());
  }
}
