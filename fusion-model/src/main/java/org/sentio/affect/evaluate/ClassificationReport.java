package org.sentio.affect.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentio.affect.Emotion;

/**
 * A confusion matrix over {@link Emotion} (rows: true label, columns: prediction) and the figures
 * read from it.
 *
 * <p>Macro-F1 averages the F1 of every category that occurs as a true label or as a prediction
 * (scikit-learn's {@code f1_score(average="macro")} with its default labels); a category with no
 * true item and no prediction is left out, one with predictions but no true item counts with F1 0.
 * Per-class recall is reported for the categories with at least one true item.
 */
public final class ClassificationReport {
  private final long[][] matrix = new long[Emotion.COUNT][Emotion.COUNT];
  private long total;

  /** Counts one item. */
  public void add(Emotion truth, Emotion predicted) {
    matrix[truth.ordinal()][predicted.ordinal()]++;
    total++;
  }

  /** Number of items counted. */
  public long n() {
    return total;
  }

  public long count(Emotion truth, Emotion predicted) {
    return matrix[truth.ordinal()][predicted.ordinal()];
  }

  /** Share of items predicted as labeled; NaN with no item. */
  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < Emotion.COUNT; i++) {
      correct += matrix[i][i];
    }
    return total == 0 ? Double.NaN : correct / (double) total;
  }

  /** The categories that occur as a true label or a prediction, in {@link Emotion} order. */
  public List<Emotion> labels() {
    List<Emotion> labels = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      if (support(e) > 0 || predicted(e) > 0) {
        labels.add(e);
      }
    }
    return labels;
  }

  /** Items whose true label is {@code e}. */
  public long support(Emotion e) {
    long sum = 0;
    for (int j = 0; j < Emotion.COUNT; j++) {
      sum += matrix[e.ordinal()][j];
    }
    return sum;
  }

  /** Items predicted as {@code e}. */
  public long predicted(Emotion e) {
    long sum = 0;
    for (int i = 0; i < Emotion.COUNT; i++) {
      sum += matrix[i][e.ordinal()];
    }
    return sum;
  }

  /** Recall of {@code e}; NaN when no item is labeled {@code e}. */
  public double recall(Emotion e) {
    long support = support(e);
    return support == 0 ? Double.NaN : matrix[e.ordinal()][e.ordinal()] / (double) support;
  }

  /** F1 of {@code e}; 0 when it has no true positive. */
  public double f1(Emotion e) {
    long tp = matrix[e.ordinal()][e.ordinal()];
    long denominator = support(e) + predicted(e);
    return denominator == 0 ? 0 : 2.0 * tp / denominator;
  }

  /** Mean F1 over {@link #labels()}; NaN with no item. */
  public double macroF1() {
    List<Emotion> labels = labels();
    if (labels.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (Emotion e : labels) {
      sum += f1(e);
    }
    return sum / labels.size();
  }

  /** Recall per category with at least one true item, keyed by the data-set label. */
  public Map<String, Double> perClassRecall() {
    Map<String, Double> recall = new LinkedHashMap<>();
    for (Emotion e : Emotion.values()) {
      if (support(e) > 0) {
        recall.put(e.datasetLabel(), recall(e));
      }
    }
    return recall;
  }

  /** The matrix restricted to {@link #labels()}, rows true, columns predicted. */
  public long[][] matrix() {
    List<Emotion> labels = labels();
    long[][] out = new long[labels.size()][labels.size()];
    for (int i = 0; i < labels.size(); i++) {
      for (int j = 0; j < labels.size(); j++) {
        out[i][j] = count(labels.get(i), labels.get(j));
      }
    }
    return out;
  }

  /** The figures and the matrix as aligned text, for terminals and model cards. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT, "n=%d accuracy=%.4f macro-F1=%.4f%n", total, accuracy(), macroF1()));
    List<Emotion> labels = labels();
    text.append(String.format(Locale.ROOT, "%-10s", "true\\pred"));
    for (Emotion e : labels) {
      text.append(String.format(Locale.ROOT, "%9s", e.datasetLabel()));
    }
    text.append(String.format(Locale.ROOT, "%9s%n", "recall"));
    long[][] m = matrix();
    for (int i = 0; i < labels.size(); i++) {
      text.append(String.format(Locale.ROOT, "%-10s", labels.get(i).datasetLabel()));
      for (int j = 0; j < labels.size(); j++) {
        text.append(String.format(Locale.ROOT, "%9d", m[i][j]));
      }
      double recall = recall(labels.get(i));
      text.append(
          Double.isNaN(recall)
              ? String.format(Locale.ROOT, "%9s%n", "-")
              : String.format(Locale.ROOT, "%9.3f%n", recall));
    }
    return text.toString();
  }
}
