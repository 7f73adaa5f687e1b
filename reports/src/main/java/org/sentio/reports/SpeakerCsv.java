package org.sentio.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;

/**
 * Writes one CSV row per speaker per window (same conventions as {@link WindowCsv}): each speaker's
 * own voice, text and fused reading, documented in docs/session-csv.md.
 */
public final class SpeakerCsv {
  private SpeakerCsv() {}

  /** The header row's cells, in order. */
  public static List<String> columns() {
    List<String> columns =
        new ArrayList<>(List.of("window", "start", "end", "speaker", "role", "channel"));
    for (String m : List.of("voice", "text")) {
      columns.add(m + "_present");
      columns.add(m + "_absence");
      for (Emotion e : Emotion.values()) {
        columns.add(m + "_" + e.label());
      }
      columns.add(m + "_valence");
      columns.add(m + "_arousal");
      columns.add(m + "_confidence");
    }
    for (Emotion e : Emotion.values()) {
      columns.add("fused_" + e.label());
    }
    columns.addAll(List.of("fused_top", "fused_valence", "fused_arousal", "fused_confidence"));
    // the linked face came later than the other readings: its columns are last, so a reader of the
    // earlier columns by position still reads them
    columns.add("face_present");
    columns.add("face_absence");
    for (Emotion e : Emotion.values()) {
      columns.add("face_" + e.label());
    }
    columns.add("face_valence");
    columns.add("face_arousal");
    columns.add("face_confidence");
    return columns;
  }

  public static void write(SessionResult result, Writer out) throws IOException {
    out.write(String.join(",", columns()));
    out.write("\r\n");
    Map<String, Speaker> speakers = new HashMap<>();
    result.speakers().forEach(s -> speakers.put(s.id(), s));
    Map<Integer, AffectWindow> windows = new HashMap<>();
    result.windows().forEach(w -> windows.put(w.index(), w));
    for (SpeakerReading r : result.speakerReadings()) {
      AffectWindow w = windows.get(r.windowIndex());
      Speaker speaker = speakers.get(r.speaker());
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(r.windowIndex()));
      cells.add(number(w == null ? Double.NaN : w.startSeconds()));
      cells.add(number(w == null ? Double.NaN : w.endSeconds()));
      cells.add(TranscriptCsv.quote(r.speaker()));
      cells.add(speaker == null ? "" : speaker.role().id());
      cells.add(speaker == null || speaker.channel() == null ? "" : speaker.channel().toString());
      estimate(cells, r.voice());
      estimate(cells, r.text());
      FusedEstimate f = r.fused();
      probabilities(cells, f.emotions());
      cells.add(f.hasEmotions() ? f.emotions().top().label() : "");
      cells.add(number(f.valence()));
      cells.add(number(f.arousal()));
      cells.add(number(f.confidence()));
      estimate(cells, r.face());
      out.write(String.join(",", cells));
      out.write("\r\n");
    }
  }

  private static void estimate(List<String> cells, AffectEstimate e) {
    cells.add(e.isPresent() ? "1" : "0");
    cells.add(e.isPresent() ? "" : e.absence().label());
    probabilities(cells, e.emotions());
    cells.add(number(e.valence()));
    cells.add(number(e.arousal()));
    cells.add(number(e.confidence()));
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
