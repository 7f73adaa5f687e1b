package org.sentio.affect.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;

/**
 * Training windows from a person's labelled sessions: every stored window whose midpoint lies in a
 * span labelled with an emotion becomes a window of that label, with the modality estimates the
 * analysis stored (the fusion model's inputs, {@link MoeFusionModel#encode}). A window covered by
 * spans of different emotions, or with no modality present, teaches nothing and is left out.
 */
public final class AnnotatedWindows {

  /** A labelled span of a session; {@code label} may be any text the person typed. */
  public record LabeledSpan(double startSeconds, double endSeconds, String label) {}

  private final List<Map<Modality, AffectEstimate>> windows = new ArrayList<>();
  private final List<Emotion> labels = new ArrayList<>();
  private int sessions;
  private int spans;
  private int spansWithoutEmotion;
  private int conflicting;
  private int empty;

  /** Adds the windows of one session that its spans label. */
  public void add(List<AffectWindow> sessionWindows, List<LabeledSpan> sessionSpans) {
    if (sessionSpans.isEmpty()) {
      return;
    }
    sessions++;
    List<LabeledSpan> emotional = new ArrayList<>();
    List<Emotion> emotions = new ArrayList<>();
    for (LabeledSpan span : sessionSpans) {
      spans++;
      try {
        emotions.add(Emotion.parse(span.label()));
        emotional.add(span);
      } catch (IllegalArgumentException notAnEmotion) {
        spansWithoutEmotion++;
      }
    }
    for (AffectWindow window : sessionWindows) {
      double middle = (window.startSeconds() + window.endSeconds()) / 2;
      Emotion label = null;
      boolean conflict = false;
      for (int i = 0; i < emotional.size(); i++) {
        LabeledSpan span = emotional.get(i);
        if (middle >= span.startSeconds() && middle < span.endSeconds()) {
          conflict = conflict || (label != null && label != emotions.get(i));
          label = emotions.get(i);
        }
      }
      if (label == null) {
        continue;
      }
      if (conflict) {
        conflicting++;
      } else if (window.estimates().values().stream().noneMatch(AnnotatedWindows::informative)) {
        empty++;
      } else {
        windows.add(window.estimates());
        labels.add(label);
      }
    }
  }

  private static boolean informative(AffectEstimate e) {
    return e.isPresent() && e.confidence() > 0;
  }

  public List<Map<Modality, AffectEstimate>> windows() {
    return List.copyOf(windows);
  }

  public List<Emotion> labels() {
    return List.copyOf(labels);
  }

  public int size() {
    return windows.size();
  }

  /** Sessions that had at least one span. */
  public int sessions() {
    return sessions;
  }

  public int spans() {
    return spans;
  }

  /** Spans whose label is not one of the seven emotions (e.g. "interruption"). */
  public int spansWithoutEmotion() {
    return spansWithoutEmotion;
  }

  /** Windows left out because spans of different emotions cover them. */
  public int conflicting() {
    return conflicting;
  }

  /** Windows left out because no modality was present in them. */
  public int empty() {
    return empty;
  }

  /** The windows encoded for the trainer. */
  public MoeTrainer.Windows encode() {
    return FusionData.encode(windows, labels);
  }

  /** One line for users: what was found and what was left out. */
  public String describe() {
    return windows.size()
        + " annotated windows from "
        + sessions
        + (sessions == 1 ? " session" : " sessions")
        + " ("
        + spans
        + " labelled spans, "
        + spansWithoutEmotion
        + " without an emotion label; "
        + conflicting
        + " windows under conflicting labels and "
        + empty
        + " with no modality present left out)";
  }
}
