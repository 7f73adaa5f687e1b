package org.sentio.learning.gate;

import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.evaluate.McNemar;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.fusion.MoeWeights;

/**
 * A candidate model beside the model in use on the same labelled examples (fusion windows or text
 * utterances): accuracy, macro-F1 and McNemar's exact paired test on the examples exactly one of
 * them gets right.
 */
public record ModelComparison(
    ClassificationReport candidate, ClassificationReport inUse, McNemar test) {
  /**
   * The fewest labelled windows (or utterances) a comparison accepts: below this McNemar's test can
   * hardly tell two models apart, and one window moves accuracy by more than two points.
   */
  public static final int MIN_WINDOWS = 50;

  public static ModelComparison of(
      MoeWeights candidate, MoeWeights inUse, MoeTrainer.Windows windows) {
    if (windows.size() == 0) {
      throw new IllegalArgumentException("no labelled windows to compare the models on");
    }
    return of(windows.label(), predictions(candidate, windows), predictions(inUse, windows));
  }

  /**
   * The comparison of two models' predicted emotions ({@link Emotion} ordinals) with the truth, for
   * the same examples in the same order.
   */
  public static ModelComparison of(int[] truth, int[] a, int[] b) {
    if (truth.length == 0) {
      throw new IllegalArgumentException("no labelled examples to compare the models on");
    }
    if (a.length != truth.length || b.length != truth.length) {
      throw new IllegalArgumentException("the predictions and the labels differ in length");
    }
    ClassificationReport ra = new ClassificationReport();
    ClassificationReport rb = new ClassificationReport();
    long onlyA = 0;
    long onlyB = 0;
    Emotion[] emotions = Emotion.values();
    for (int i = 0; i < truth.length; i++) {
      int t = truth[i];
      ra.add(emotions[t], emotions[a[i]]);
      rb.add(emotions[t], emotions[b[i]]);
      onlyA += a[i] == t && b[i] != t ? 1 : 0;
      onlyB += b[i] == t && a[i] != t ? 1 : 0;
    }
    return new ModelComparison(ra, rb, McNemar.of(onlyA, onlyB));
  }

  /** Whether the candidate is significantly better at level {@code alpha}. */
  public boolean candidateBetter(double alpha) {
    return test.pValue() < alpha && test.onlyA() > test.onlyB();
  }

  private static int[] predictions(MoeWeights w, MoeTrainer.Windows d) {
    MoeTrainer.Outputs out = MoeTrainer.predict(w, d.x(), d.mask(), d.size());
    int[] p = new int[d.size()];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int k = 1; k < 7; k++) {
        if (out.emotions()[i * 7 + k] > out.emotions()[i * 7 + best]) {
          best = k;
        }
      }
      p[i] = best;
    }
    return p;
  }
}
