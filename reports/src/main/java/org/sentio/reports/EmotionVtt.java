package org.sentio.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.pipeline.SessionResult;

/**
 * WebVTT subtitles that show the fused emotion over the video (docs/session-vtt.md). Windows
 * overlap (1 s windows every 0.5 s), so each window speaks for the span from its start to the next
 * window's start; consecutive windows with the same most likely emotion make one cue, whose text is
 * {@code happy 82% · valence +0.45 · arousal +0.12}. Windows without a fused category make no cue.
 */
public final class EmotionVtt {
  private static final String SEPARATOR = " · ";
  private static final Pattern TIMING =
      Pattern.compile(
          "^(\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3})(?:\\s.*)?$");
  private static final Pattern PAYLOAD =
      Pattern.compile(
          "^(\\p{L}+) (\\d{1,3})%(?: · valence ([+-]\\d+\\.\\d{2}))?(?: · arousal ([+-]\\d+\\.\\d{2}))?$");

  private EmotionVtt() {}

  /** The cues of {@code result}, with times in whole milliseconds. */
  public static List<EmotionCue> cues(SessionResult result) {
    List<AffectWindow> windows = result.windows();
    List<EmotionCue> cues = new ArrayList<>();
    int i = 0;
    while (i < windows.size()) {
      FusedEstimate f = windows.get(i).fused();
      if (!f.hasEmotions()) {
        i++;
        continue;
      }
      Emotion emotion = f.emotions().top();
      int j = i;
      double probability = 0;
      Mean valence = new Mean();
      Mean arousal = new Mean();
      while (j < windows.size()
          && windows.get(j).fused().hasEmotions()
          && windows.get(j).fused().emotions().top() == emotion) {
        FusedEstimate g = windows.get(j).fused();
        probability += g.emotions().get(emotion);
        valence.add(g.valence());
        arousal.add(g.arousal());
        j++;
      }
      cues.add(
          new EmotionCue(
              millis(windows.get(i).startSeconds()),
              millis(spanEnd(windows, j - 1)),
              emotion,
              probability / (j - i),
              valence.value(),
              arousal.value()));
      i = j;
    }
    return cues;
  }

  /** Writes the cues of {@code result} as a WebVTT file. */
  public static void write(SessionResult result, Writer out) throws IOException {
    out.write("WEBVTT - Sentio emotion cues: " + oneLine(result.title()) + "\n\n");
    out.write("NOTE\nThe fused most likely emotion with its mean probability, mean valence and\n");
    out.write("arousal in [-1, 1] over the cue. Made by Sentio from " + result.fusionMethod());
    out.write(" fusion.\n\n");
    int n = 1;
    for (EmotionCue cue : cues(result)) {
      out.write(Integer.toString(n++));
      out.write("\n");
      out.write(timestamp(cue.startSeconds()) + " --> " + timestamp(cue.endSeconds()) + "\n");
      out.write(payload(cue));
      out.write("\n\n");
    }
  }

  /** The cue text, e.g. {@code happy 82% · valence +0.45 · arousal +0.12}. */
  static String payload(EmotionCue cue) {
    StringBuilder s =
        new StringBuilder(cue.emotion().label())
            .append(' ')
            .append(Math.round(cue.probability() * 100))
            .append('%');
    if (!Double.isNaN(cue.valence())) {
      s.append(SEPARATOR).append("valence ").append(signed(cue.valence()));
    }
    if (!Double.isNaN(cue.arousal())) {
      s.append(SEPARATOR).append("arousal ").append(signed(cue.arousal()));
    }
    return s.toString();
  }

  /**
   * Reads a file written by {@link #write} back into cues; probabilities come back to the percent
   * and valence and arousal to two decimals, as written.
   *
   * @throws IOException naming the line when the file is not an emotion-cue WebVTT file
   */
  public static List<EmotionCue> read(Reader in) throws IOException {
    List<String> lines = new BufferedReader(in).lines().toList();
    if (lines.isEmpty() || !(lines.get(0).equals("WEBVTT") || lines.get(0).startsWith("WEBVTT "))) {
      throw new IOException("line 1: not a WebVTT file (it starts with WEBVTT)");
    }
    List<EmotionCue> cues = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      Matcher timing = TIMING.matcher(lines.get(i));
      if (!timing.matches()) {
        continue;
      }
      if (i + 1 >= lines.size()) {
        throw new IOException("line " + (i + 1) + ": cue without text");
      }
      Matcher p = PAYLOAD.matcher(lines.get(i + 1).strip());
      if (!p.matches()) {
        throw new IOException(
            "line " + (i + 2) + ": not an emotion cue: '" + lines.get(i + 1).strip() + "'");
      }
      cues.add(
          new EmotionCue(
              seconds(timing, 1),
              seconds(timing, 5),
              Emotion.parse(p.group(1)),
              Integer.parseInt(p.group(2)) / 100.0,
              p.group(3) == null ? Double.NaN : Double.parseDouble(p.group(3)),
              p.group(4) == null ? Double.NaN : Double.parseDouble(p.group(4))));
      i++;
    }
    return cues;
  }

  static String timestamp(double seconds) {
    long ms = Math.round(seconds * 1000);
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d.%03d",
        ms / 3_600_000,
        (ms / 60_000) % 60,
        (ms / 1000) % 60,
        ms % 1000);
  }

  private static double seconds(Matcher m, int group) {
    long ms =
        Long.parseLong(m.group(group)) * 3_600_000
            + Long.parseLong(m.group(group + 1)) * 60_000
            + Long.parseLong(m.group(group + 2)) * 1000
            + Long.parseLong(m.group(group + 3));
    return ms / 1000.0;
  }

  /** Where window {@code i} stops speaking: the next window's start, or its own end. */
  static double spanEnd(List<AffectWindow> windows, int i) {
    return i + 1 < windows.size() ? windows.get(i + 1).startSeconds() : windows.get(i).endSeconds();
  }

  private static double millis(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static String signed(double value) {
    return String.format(Locale.ROOT, "%+.2f", value);
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ").replace("-->", "->");
  }

  /** A running mean that ignores NaN. */
  private static final class Mean {
    private double sum;
    private int count;

    void add(double value) {
      if (!Double.isNaN(value)) {
        sum += value;
        count++;
      }
    }

    double value() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }
}
