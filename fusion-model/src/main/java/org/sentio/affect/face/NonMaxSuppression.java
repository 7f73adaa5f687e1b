package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-max suppression with the semantics of {@code tf.image.nonMaxSuppression} (which
 * {@code @vladmandic/human} uses for BlazeFace): candidates below {@code minScore} are dropped, the
 * rest taken in descending score order (ties keep input order), and a candidate is suppressed when
 * its IoU with an already selected box is greater than {@code iouThreshold}.
 */
public final class NonMaxSuppression {
  private NonMaxSuppression() {}

  /** Indices of the selected candidates, best first. */
  public static List<Integer> select(
      List<FaceBox> boxes, double[] scores, double iouThreshold, double minScore, int maxOutputs) {
    if (boxes.size() != scores.length) {
      throw new IllegalArgumentException("need one score per box");
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= minScore) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
    List<Integer> selected = new ArrayList<>();
    for (int candidate : order) {
      if (selected.size() >= maxOutputs) {
        break;
      }
      boolean keep = true;
      for (int chosen : selected) {
        if (boxes.get(candidate).iou(boxes.get(chosen)) > iouThreshold) {
          keep = false;
          break;
        }
      }
      if (keep) {
        selected.add(candidate);
      }
    }
    return selected;
  }
}
