package org.sentio.capture.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.sentio.capture.TimeSpan;

/**
 * What was said in a recording, utterance by utterance.
 *
 * @param segments the utterances in order
 * @param timed whether every segment carries a time (subtitle files) or none does (plain text)
 */
public record Transcript(List<TranscriptSegment> segments, boolean timed) {

  public Transcript {
    segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    for (TranscriptSegment s : segments) {
      if (s.isTimed() != timed) {
        throw new IllegalArgumentException(
            (timed
                    ? "untimed segment in a timed transcript: "
                    : "timed segment in an untimed one: ")
                + s);
      }
    }
  }

  /** Text typed or given on the command line: one untimed utterance per non-blank line. */
  public static Transcript ofText(String text) {
    Objects.requireNonNull(text, "text");
    List<TranscriptSegment> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        out.add(TranscriptSegment.untimed(t));
      }
    }
    return new Transcript(out, false);
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /**
   * A timed copy of this untimed transcript: the utterances are laid over the speech spans in
   * order, each getting speech time in proportion to its length in characters. Without speech spans
   * the whole of {@code [0, durationSeconds]} is used. A timed transcript is returned as is.
   *
   * @param speechSpans where someone speaks (any order; overlaps are merged)
   * @param durationSeconds the recording's length, used when there are no speech spans
   */
  public Transcript placedOver(List<TimeSpan> speechSpans, double durationSeconds) {
    Objects.requireNonNull(speechSpans, "speechSpans");
    if (timed) {
      return this;
    }
    if (segments.isEmpty()) {
      return new Transcript(List.of(), true);
    }
    List<TimeSpan> spans = merged(speechSpans);
    if (spans.isEmpty()) {
      if (!(durationSeconds > 0) || !Double.isFinite(durationSeconds)) {
        throw new IllegalArgumentException(
            "no speech spans and no usable duration (" + durationSeconds + " s) to place text on");
      }
      spans = List.of(new TimeSpan(0, durationSeconds));
    }
    double speech = spans.stream().mapToDouble(TimeSpan::duration).sum();
    double totalChars = 0;
    for (TranscriptSegment s : segments) {
      totalChars += weight(s);
    }
    List<TranscriptSegment> out = new ArrayList<>(segments.size());
    double used = 0;
    for (int i = 0; i < segments.size(); i++) {
      TranscriptSegment s = segments.get(i);
      double next = i == segments.size() - 1 ? speech : used + speech * weight(s) / totalChars;
      double start = toMediaTime(spans, used, true);
      double end = Math.max(start, toMediaTime(spans, next, false));
      out.add(new TranscriptSegment(start, end, s.text()));
      used = next;
    }
    return new Transcript(out, true);
  }

  private static int weight(TranscriptSegment s) {
    return Math.max(1, s.text().codePointCount(0, s.text().length()));
  }

  /** Sorted, non-empty, non-overlapping spans. */
  private static List<TimeSpan> merged(List<TimeSpan> spans) {
    List<TimeSpan> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingDouble(TimeSpan::start));
    List<TimeSpan> out = new ArrayList<>();
    for (TimeSpan s : sorted) {
      if (s.duration() <= 0) {
        continue;
      }
      if (!out.isEmpty() && s.start() <= out.get(out.size() - 1).end()) {
        TimeSpan last = out.remove(out.size() - 1);
        out.add(new TimeSpan(last.start(), Math.max(last.end(), s.end())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Maps an offset into the concatenated speech time to media time. At a boundary between two spans
   * a start goes to the beginning of the next span, an end to the close of the previous one.
   */
  private static double toMediaTime(List<TimeSpan> spans, double offset, boolean isStart) {
    double before = 0;
    for (int i = 0; i < spans.size(); i++) {
      TimeSpan span = spans.get(i);
      double after = before + span.duration();
      boolean last = i == spans.size() - 1;
      if ((isStart ? offset < after - 1e-9 : offset <= after + 1e-9) || last) {
        return Math.min(span.end(), span.start() + Math.max(0, offset - before));
      }
      before = after;
    }
    throw new AssertionError("unreachable");
  }
}
