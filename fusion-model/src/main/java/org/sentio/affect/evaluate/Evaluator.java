package org.sentio.affect.evaluate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceAligner;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.face.FloatImage;
import org.sentio.affect.fusion.ConfidenceWeightedFusion;
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
 * text (text model of the detected language), and, for rows with several modalities, the pipeline's
 * {@link ConfidenceWeightedFusion} of them.
 *
 * <p>A modality that gives no estimate for a row (no face found, no speech, unreadable text) counts
 * as a <em>neutral</em> prediction, which is what the application shows then; {@link
 * Result#absent()} says how often that happened.
 */
public final class Evaluator {
  /** Result keys in output order. */
  public static final List<String> KEYS = List.of("face", "voice", "text", "fused");

  /** The analyzers an evaluation uses; any may be null when no row needs it. */
  public record Models(
      FaceAnalyzer face, ExpressionClassifier expression, VoiceAnalyzer voice, TextAnalyzer text) {}

  /** Called after each row with the number of rows done and the total. */
  public interface Progress {
    void onRow(int done, int total);
  }

  /**
   * Per key ({@link #KEYS}) the report, the rows it covered (by index in {@link LabeledSet#rows()})
   * with whether the prediction was right, and how many rows had no estimate.
   */
  public record Result(
      Map<String, ClassificationReport> reports,
      Map<String, Map<Integer, Boolean>> correct,
      Map<String, Integer> absent) {}

  private final Models models;
  private final boolean crops;
  private final ConfidenceWeightedFusion fusion = new ConfidenceWeightedFusion();

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
    for (int i = 0; i < rows.size(); i++) {
      LabeledSet.Row row = rows.get(i);
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      try {
        if (row.image() != null) {
          estimates.put(Modality.FACE, face(row));
        }
        if (row.audio() != null) {
          estimates.put(
              Modality.VOICE, models.voice().analyzeClip(AudioFiles.readMono(row.audio(), 16_000)));
        }
        if (row.text() != null) {
          estimates.put(Modality.TEXT, models.text().analyze(row.text()));
        }
      } catch (MediaException | ModelException e) {
        throw new EvaluationException(set.file() + " row " + row.line() + ": " + e.getMessage(), e);
      }
      for (Map.Entry<Modality, AffectEstimate> e : estimates.entrySet()) {
        AffectEstimate estimate = e.getValue();
        boolean present = estimate.isPresent() && estimate.hasEmotions();
        Emotion predicted = present ? estimate.emotions().top() : Emotion.NEUTRAL;
        count(e.getKey().label(), i, row.emotion(), predicted, present, reports, correct, absent);
      }
      if (estimates.size() > 1) {
        FusedEstimate fused = fusion.fuseOne(estimates);
        boolean present = fused.hasEmotions();
        Emotion predicted = present ? fused.emotions().top() : Emotion.NEUTRAL;
        count("fused", i, row.emotion(), predicted, present, reports, correct, absent);
      }
      progress.onRow(i + 1, rows.size());
    }
    Map<String, ClassificationReport> ordered = new LinkedHashMap<>();
    Map<String, Map<Integer, Boolean>> orderedCorrect = new LinkedHashMap<>();
    Map<String, Integer> orderedAbsent = new LinkedHashMap<>();
    for (String key : KEYS) {
      if (reports.containsKey(key)) {
        ordered.put(key, reports.get(key));
        orderedCorrect.put(key, correct.get(key));
        orderedAbsent.put(key, absent.get(key));
      }
    }
    return new Result(ordered, orderedCorrect, orderedAbsent);
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

  private AffectEstimate face(LabeledSet.Row row) throws MediaException, ModelException {
    VideoFrame frame = StillImage.read(row.image());
    if (crops) {
      FloatImage grey =
          FloatImage.fromBgr(frame.width(), frame.height(), frame.bgr())
              .resizeBilinear(FaceAligner.SIZE, FaceAligner.SIZE)
              .grey();
      var expression = models.expression().classify(List.of(FaceAligner.expressionInput(grey)));
      return AffectEstimate.present(Modality.FACE, expression.get(0), Double.NaN, Double.NaN, 1);
    }
    List<FaceObservation> faces = models.face().analyze(frame.width(), frame.height(), frame.bgr());
    if (faces.isEmpty()) {
      return AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, "no face found");
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
