package org.sentio.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/**
 * Writes a recognised transcript as CSV, one row per word (RFC 4180, comma-separated, '.'
 * decimals), with its utterance's span, speaker, source and text, so that a spreadsheet can filter
 * by confidence or speaker. An utterance without words (given text) is one row with empty word
 * cells. Documented in docs/session-csv.md.
 */
public final class TranscriptCsv {
  private TranscriptCsv() {}

  /** The header row's cells, in order. */
  public static List<String> columns() {
    return List.of(
        "utterance",
        "utterance_start",
        "utterance_end",
        "speaker",
        "source",
        "utterance_confidence",
        "utterance_text",
        "original_text",
        "word",
        "word_start",
        "word_end",
        "word_confidence");
  }

  public static void write(SessionResult result, Writer out) throws IOException {
    out.write(String.join(",", columns()));
    out.write("\r\n");
    int index = 0;
    for (Utterance u : result.transcript()) {
      List<String> head = new ArrayList<>();
      head.add(Integer.toString(index++));
      head.add(number(u.startSeconds()));
      head.add(number(u.endSeconds()));
      head.add(quote(u.speaker()));
      head.add(u.source().id());
      head.add(number(u.confidence()));
      head.add(quote(u.text()));
      head.add(quote(u.originalText()));
      if (u.words().isEmpty()) {
        row(out, head, List.of("", "", "", ""));
      }
      for (RecognizedWord w : u.words()) {
        row(
            out,
            head,
            List.of(
                quote(w.text()),
                number(w.startSeconds()),
                number(w.endSeconds()),
                number(w.confidence())));
      }
    }
  }

  private static void row(Writer out, List<String> head, List<String> tail) throws IOException {
    out.write(String.join(",", head));
    out.write(",");
    out.write(String.join(",", tail));
    out.write("\r\n");
  }

  /** A text cell, quoted when it holds a comma, quote or line break (RFC 4180). */
  static String quote(String text) {
    if (text == null) {
      return "";
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
  }
}
