package org.sentio.capture.transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hand-written SubRip and WebVTT parsers that report problems by line. */
final class SubtitleParsers {

  private static final String SRT_EXPECTED = "expected HH:MM:SS,mmm --> HH:MM:SS,mmm";
  private static final String VTT_EXPECTED = "expected [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm";

  /** SRT timing; the decimal separator may be a comma or a dot, position settings may follow. */
  private static final Pattern SRT_TIMING =
      Pattern.compile(
          "^(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{1,3})\\s*-->\\s*"
              + "(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{1,3})(?:\\s+.*)?$");

  /** WebVTT timing; hours optional, cue settings may follow. */
  private static final Pattern VTT_TIMING =
      Pattern.compile(
          "^(?:(\\d{1,3}):)?(\\d{2}):(\\d{2})[.,](\\d{3})\\s+-->\\s+"
              + "(?:(\\d{1,3}):)?(\\d{2}):(\\d{2})[.,](\\d{3})(?:\\s+.*)?$");

  private static final Pattern CUE_NUMBER = Pattern.compile("^\\d+$");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ASS_OVERRIDE = Pattern.compile("\\{\\\\[^}]*}");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");

  private SubtitleParsers() {}

  static boolean isVttHeader(String firstLine) {
    return firstLine.equals("WEBVTT")
        || firstLine.startsWith("WEBVTT ")
        || firstLine.startsWith("WEBVTT\t");
  }

  /** Whether a file under another extension is an SRT file: its first cue has SRT timing. */
  static boolean looksLikeSrt(List<String> lines) {
    int i = skipBlank(lines, 0);
    if (i < lines.size() && CUE_NUMBER.matcher(lines.get(i).strip()).matches()) {
      i++;
    }
    return i < lines.size() && SRT_TIMING.matcher(lines.get(i).strip()).matches();
  }

  static Transcript srt(Path path, List<String> lines) throws TranscriptException {
    List<TranscriptSegment> out = new ArrayList<>();
    int i = skipBlank(lines, 0);
    while (i < lines.size()) {
      String first = lines.get(i).strip();
      if (CUE_NUMBER.matcher(first).matches()) {
        i++;
        if (i >= lines.size() || lines.get(i).isBlank()) {
          throw new TranscriptException(
              path, i + 1, "cue " + first + " has no timing line (" + SRT_EXPECTED + ")");
        }
      } else if (!first.contains("-->")) {
        throw new TranscriptException(
            path, i + 1, "expected a cue number or a timing line, found '" + clip(first) + "'");
      }
      double[] times = timing(path, i, lines.get(i).strip(), SRT_TIMING, SRT_EXPECTED);
      i++;
      i = readCueText(lines, i, times, out);
      i = skipBlank(lines, i);
    }
    return new Transcript(out, true);
  }

  static Transcript vtt(Path path, List<String> lines) throws TranscriptException {
    if (lines.isEmpty() || !isVttHeader(lines.get(0))) {
      throw new TranscriptException(
          path,
          1,
          "missing 'WEBVTT' header, found '"
              + clip(lines.isEmpty() ? "" : lines.get(0))
              + "' (a WebVTT file starts with WEBVTT)");
    }
    List<TranscriptSegment> out = new ArrayList<>();
    int i = skipBlock(lines, 0);
    i = skipBlank(lines, i);
    while (i < lines.size()) {
      String first = lines.get(i).strip();
      if (isBlockKeyword(first, "NOTE")
          || isBlockKeyword(first, "STYLE")
          || isBlockKeyword(first, "REGION")) {
        i = skipBlank(lines, skipBlock(lines, i));
        continue;
      }
      if (!first.contains("-->")) {
        i++; // a cue identifier
        if (i >= lines.size() || lines.get(i).isBlank()) {
          throw new TranscriptException(
              path, i, "cue '" + clip(first) + "' has no timing line (" + VTT_EXPECTED + ")");
        }
      }
      double[] times = timing(path, i, lines.get(i).strip(), VTT_TIMING, VTT_EXPECTED);
      i++;
      i = readCueText(lines, i, times, out);
      i = skipBlank(lines, i);
    }
    return new Transcript(out, true);
  }

  private static boolean isBlockKeyword(String line, String keyword) {
    return line.equals(keyword)
        || line.startsWith(keyword + " ")
        || line.startsWith(keyword + "\t");
  }

  /** Reads cue text lines up to a blank line; adds a segment when any text remains. */
  private static int readCueText(
      List<String> lines, int i, double[] times, List<TranscriptSegment> out) {
    StringBuilder text = new StringBuilder();
    while (i < lines.size() && !lines.get(i).isBlank()) {
      String clean = cleanText(lines.get(i));
      if (!clean.isEmpty()) {
        if (text.length() > 0) {
          text.append(' ');
        }
        text.append(clean);
      }
      i++;
    }
    if (text.length() > 0) {
      out.add(new TranscriptSegment(times[0], times[1], text.toString()));
    }
    return i;
  }

  /** Parses a timing line; {@code index} is 0-based. */
  private static double[] timing(
      Path path, int index, String line, Pattern pattern, String expected)
      throws TranscriptException {
    Matcher m = pattern.matcher(line);
    if (!m.matches()) {
      throw new TranscriptException(
          path, index + 1, "broken timestamp '" + clip(line) + "' (" + expected + ")");
    }
    double start = seconds(m.group(1), m.group(2), m.group(3), m.group(4));
    double end = seconds(m.group(5), m.group(6), m.group(7), m.group(8));
    if (Double.isNaN(start) || Double.isNaN(end)) {
      throw new TranscriptException(
          path,
          index + 1,
          "broken timestamp '" + clip(line) + "' (minutes and seconds must be below 60)");
    }
    if (end < start) {
      throw new TranscriptException(
          path, index + 1, "cue ends before it starts ('" + clip(line) + "')");
    }
    return new double[] {start, end};
  }

  /** Seconds from h:m:s.fraction, NaN when minutes or seconds are out of range. */
  private static double seconds(String h, String m, String s, String fraction) {
    int hours = h == null ? 0 : Integer.parseInt(h);
    int minutes = Integer.parseInt(m);
    int secs = Integer.parseInt(s);
    if (minutes > 59 || secs > 59) {
      return Double.NaN;
    }
    double frac = Integer.parseInt(fraction) / Math.pow(10, fraction.length());
    return hours * 3600.0 + minutes * 60.0 + secs + frac;
  }

  /** Removes markup (HTML-like tags, ASS overrides) and entities, and tidies spaces. */
  static String cleanText(String line) {
    String s = TAG.matcher(line).replaceAll("");
    s = ASS_OVERRIDE.matcher(s).replaceAll("");
    s =
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&nbsp;", " ")
            .replace("&lrm;", "")
            .replace("&rlm;", "")
            .replace("&amp;", "&");
    return SPACES.matcher(s).replaceAll(" ").strip();
  }

  private static int skipBlank(List<String> lines, int i) {
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  private static int skipBlock(List<String> lines, int i) {
    while (i < lines.size() && !lines.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "…";
  }
}
