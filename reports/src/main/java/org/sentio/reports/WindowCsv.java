package org.sentio.reports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentio.affect.AbsenceReason;
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

  /** The fused method the windows {@link #read} returns carry: the CSV does not record it. */
  public static final String UNKNOWN_METHOD = "unknown";

  /**
   * Reads a file written by {@link #write} back into windows. What the CSV does not hold comes back
   * empty: absence details are {@code null}, fused experts empty and the fused method {@value
   * #UNKNOWN_METHOD}; numbers come back to six decimals.
   *
   * @throws IOException naming the row and column when the file is not a Sentio window CSV
   */
  public static List<AffectWindow> read(Reader in) throws IOException {
    CsvMapper mapper = new CsvMapper();
    List<AffectWindow> windows = new ArrayList<>();
    try (MappingIterator<List<String>> rows =
        mapper
            .readerForListOf(String.class)
            .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvSchema.emptySchema())
            .readValues(in)) {
      if (!rows.hasNext()) {
        throw new IOException("empty file: a window CSV starts with its header row");
      }
      List<String> header = rows.next();
      if (!header.equals(columns())) {
        throw new IOException(
            "row 1: not a Sentio window CSV header (see docs/session-csv.md for the columns)");
      }
      int rowNumber = 1;
      while (rows.hasNext()) {
        rowNumber++;
        List<String> cells = rows.next();
        if (cells.size() != header.size()) {
          throw new IOException(
              "row " + rowNumber + ": " + cells.size() + " cells, expected " + header.size());
        }
        windows.add(window(new Cells(header, cells, rowNumber)));
      }
    } catch (RuntimeException e) {
      throw new IOException("not a readable window CSV: " + e.getMessage(), e);
    }
    return windows;
  }

  private static AffectWindow window(Cells row) throws IOException {
    Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      String p = m.label() + "_";
      if ("1".equals(row.text(p + "present"))) {
        estimates.put(
            m,
            AffectEstimate.present(
                m,
                row.distribution(p),
                row.number(p + "valence"),
                row.number(p + "arousal"),
                row.number(p + "confidence")));
      } else {
        estimates.put(m, AffectEstimate.absent(m, absence(row, p + "absence"), null));
      }
    }
    Map<Modality, Double> weights = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      double w = row.number("fused_weight_" + m.label());
      if (w > 0) {
        weights.put(m, w);
      }
    }
    FusedEstimate fused =
        new FusedEstimate(
            row.distribution("fused_"),
            row.number("fused_valence"),
            row.number("fused_arousal"),
            row.number("fused_confidence"),
            weights,
            List.of(),
            UNKNOWN_METHOD);
    return new AffectWindow(
        (int) row.number("window"), row.number("start"), row.number("end"), estimates, fused);
  }

  private static AbsenceReason absence(Cells row, String column) throws IOException {
    String label = row.text(column);
    for (AbsenceReason r : AbsenceReason.values()) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    throw row.error(column, "unknown absence '" + label + "'");
  }

  /** One body row, addressed by column name. */
  private record Cells(List<String> header, List<String> cells, int row) {
    String text(String column) {
      return cells.get(header.indexOf(column));
    }

    double number(String column) throws IOException {
      String t = text(column);
      if (t.isEmpty()) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw error(column, "'" + t + "' is not a number");
      }
    }

    EmotionDistribution distribution(String prefix) throws IOException {
      if (text(prefix + Emotion.NEUTRAL.label()).isEmpty()) {
        return null;
      }
      double[] p = new double[Emotion.COUNT];
      for (Emotion e : Emotion.values()) {
        p[e.ordinal()] = number(prefix + e.label());
      }
      try {
        return EmotionDistribution.of(p);
      } catch (IllegalArgumentException e) {
        throw error(prefix + "neutral", e.getMessage());
      }
    }

    IOException error(String column, String message) {
      return new IOException("row " + row + ", column " + column + ": " + message);
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
