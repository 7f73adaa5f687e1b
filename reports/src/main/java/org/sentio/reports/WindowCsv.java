package org.sentio.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;

/**
 * Writes one CSV row per window (RFC 4180, comma-separated, '.' decimals, empty cell for a value a
 * modality does not tell). The columns are stable and documented in docs/session-csv.md.
 */
public final class WindowCsv {
  private WindowCsv() {}

  /** The header row's cells, in order. */
  public static List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("window", "start", "end"));
    for (Modality m : Modality.values()) {
      String p = m.label() + "_";
      columns.add(p + "present");
      columns.add(p + "absence");
      for (Emotion e : Emotion.values()) {
        columns.add(p + e.label());
      }
      columns.add(p + "valence");
      columns.add(p + "arousal");
      columns.add(p + "confidence");
    }
    for (Emotion e : Emotion.values()) {
      columns.add("fused_" + e.label());
    }
    columns.addAll(List.of("fused_top", "fused_valence", "fused_arousal", "fused_confidence"));
    for (Modality m : Modality.values()) {
      columns.add("fused_weight_" + m.label());
    }
    return columns;
  }

  public static void write(SessionResult result, Writer out) throws IOException {
    out.write(String.join(",", columns()));
    out.write("\r\n");
    for (AffectWindow w : result.windows()) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(w.index()));
      cells.add(number(w.startSeconds()));
      cells.add(number(w.endSeconds()));
      for (Modality m : Modality.values()) {
        AffectEstimate e = w.estimate(m);
        cells.add(e.isPresent() ? "1" : "0");
        cells.add(e.isPresent() ? "" : e.absence().label());
        probabilities(cells, e.emotions());
        cells.add(number(e.valence()));
        cells.add(number(e.arousal()));
        cells.add(number(e.confidence()));
      }
      FusedEstimate f = w.fused();
      probabilities(cells, f.emotions());
      cells.add(f.hasEmotions() ? f.emotions().top().label() : "");
      cells.add(number(f.valence()));
      cells.add(number(f.arousal()));
      cells.add(number(f.confidence()));
      for (Modality m : Modality.values()) {
        cells.add(number(f.modalityWeights().getOrDefault(m, 0.0)));
      }
      out.write(String.join(",", cells));
      out.write("\r\n");
    }
  }

  private static void probabilities(List<String> cells, EmotionDistribution d) {
    for (Emotion e : Emotion.values()) {
      cells.add(d == null ? "" : number(d.get(e)));
    }
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
  }
}
