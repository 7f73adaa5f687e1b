package org.sentio.affect.facelink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Links each speaker to the face track whose mouth moves while that speaker talks, and says why
 * when the evidence is not clear.
 *
 * <p>Per track, the mouth's activity at each frame is the spread (standard deviation) of its
 * opening over the frames within half a second either side: a talking mouth opens and closes
 * several times a second, a listening one stays put. Per speaker, the speech indicator at each of
 * the track's frames is 1 while one of the speaker's utterances is going on, else 0. Their Pearson
 * correlation over the track's frames says how well the face's mouth follows the speaker's speech.
 * Pairs are taken from the best down; a pair is linked only when its correlation is at least
 * {@value #MIN_CORRELATION}, exceeds the speaker's next best track by at least {@value
 * #MIN_MARGIN}, and neither side is already linked.
 */
public final class FaceSpeakerLinker {
  /** Fewest frames with a measured mouth for a track to be compared. */
  public static final int MIN_FRAMES = 10;

  /**
   * Below this standard deviation of the opening (in mouth widths) over a whole track the mouth is
   * taken as still; a talking mouth varies by 0.05 or more.
   */
  public static final double STILL = 0.02;

  /** The lowest correlation that links a face to a speaker. */
  public static final double MIN_CORRELATION = 0.3;

  /** How much better the linked face must follow the speaker than the next one. */
  public static final double MIN_MARGIN = 0.1;

  private static final double ACTIVITY_HALF_WINDOW_SECONDS = 0.5;

  private FaceSpeakerLinker() {}

  /**
   * A speaker's face: the linked track with the evidence, or no track with the reason.
   *
   * @param track the linked face track, or {@code null}
   * @param note the evidence for the link, or why there is none
   */
  public record Link(Integer track, String note) {}

  /**
   * Links speakers to tracks.
   *
   * @param mouths each track's mouth opening over time
   * @param speech each speaker's utterance spans ({@code {start, end}} in seconds), in speaker
   *     order
   * @return each speaker's link or reason, in the order of {@code speech}
   */
  public static Map<String, Link> link(MouthTracks mouths, Map<String, List<double[]>> speech) {
    Map<String, Link> links = new LinkedHashMap<>();
    Map<Integer, MouthTracks.Series> measured = new LinkedHashMap<>();
    mouths
        .tracks()
        .forEach(
            (id, series) -> {
              if (series.size() >= MIN_FRAMES) {
                measured.put(id, series);
              }
            });
    if (measured.isEmpty()) {
      speech
          .keySet()
          .forEach(
              s ->
                  links.put(
                      s,
                      new Link(
                          null,
                          "not linked: no face was followed long enough to measure its mouth (fewer than "
                              + MIN_FRAMES
                              + " frames with landmarks)")));
      return links;
    }
    double widest = 0;
    for (MouthTracks.Series series : measured.values()) {
      widest = Math.max(widest, spread(series, 0, series.size()));
    }
    if (widest < STILL) {
      String note =
          String.format(
              Locale.ROOT,
              "not linked: the faces do not move their mouths (the mouth opening of %s varies by"
                  + " at most %.3f of the mouth's width; a talking mouth varies by 0.05 or more),"
                  + " so mouth movement cannot tell who speaks",
              measured.size() == 1 ? "the one face" : "each of the " + measured.size() + " faces",
              widest);
      speech.keySet().forEach(s -> links.put(s, new Link(null, note)));
      return links;
    }
    record Pair(String speaker, int track, double r) {}
    List<Pair> pairs = new ArrayList<>();
    Map<String, List<Pair>> bySpeaker = new HashMap<>();
    for (Map.Entry<String, List<double[]>> s : speech.entrySet()) {
      for (Map.Entry<Integer, MouthTracks.Series> t : measured.entrySet()) {
        double r = correlation(activity(t.getValue()), talking(t.getValue(), s.getValue()));
        if (!Double.isNaN(r)) {
          Pair pair = new Pair(s.getKey(), t.getKey(), r);
          pairs.add(pair);
          bySpeaker.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(pair);
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::r).reversed());
    Map<Integer, String> taken = new HashMap<>();
    Map<String, Link> decided = new HashMap<>();
    for (Pair pair : pairs) {
      if (decided.containsKey(pair.speaker())) {
        continue;
      }
      List<Pair> theirs = new ArrayList<>(bySpeaker.get(pair.speaker()));
      theirs.sort(Comparator.comparingDouble(Pair::r).reversed());
      Pair best = theirs.get(0);
      Pair next = theirs.size() > 1 ? theirs.get(1) : null;
      if (best.r() < MIN_CORRELATION) {
        decided.put(
            pair.speaker(),
            new Link(
                null,
                String.format(
                    Locale.ROOT,
                    "not linked: no face's mouth movement follows this speaker's speech (best:"
                        + " face track %d, correlation %.2f; %.2f needed)",
                    best.track(),
                    best.r(),
                    MIN_CORRELATION)));
      } else if (next != null && best.r() - next.r() < MIN_MARGIN) {
        decided.put(
            pair.speaker(),
            new Link(
                null,
                String.format(
                    Locale.ROOT,
                    "not linked: face tracks %d and %d follow this speaker's speech about equally"
                        + " (correlation %.2f and %.2f; %d faces, %d speakers)",
                    best.track(),
                    next.track(),
                    best.r(),
                    next.r(),
                    measured.size(),
                    speech.size())));
      } else if (taken.containsKey(best.track())) {
        decided.put(
            pair.speaker(),
            new Link(
                null,
                String.format(
                    Locale.ROOT,
                    "not linked: the face whose mouth follows this speaker's speech best (track"
                        + " %d, correlation %.2f) follows %s's better",
                    best.track(),
                    best.r(),
                    taken.get(best.track()))));
      } else {
        taken.put(best.track(), pair.speaker());
        decided.put(
            pair.speaker(),
            new Link(
                best.track(),
                String.format(
                    Locale.ROOT,
                    "linked: the mouth of face track %d moves while this speaker talks"
                        + " (correlation %.2f%s)",
                    best.track(),
                    best.r(),
                    next == null
                        ? ""
                        : String.format(
                            Locale.ROOT, "; next face track %d: %.2f", next.track(), next.r()))));
      }
    }
    for (String speaker : speech.keySet()) {
      links.put(
          speaker,
          decided.getOrDefault(
              speaker,
              new Link(
                  null,
                  "not linked: this speaker talks either throughout or never while a face is"
                      + " measured, so speech and mouth movement cannot be compared")));
    }
    return links;
  }

  /** Each frame's mouth activity: the spread of the opening within half a second either side. */
  static double[] activity(MouthTracks.Series series) {
    int n = series.size();
    double[] out = new double[n];
    int from = 0;
    int to = 0;
    for (int i = 0; i < n; i++) {
      double t = series.seconds(i);
      while (series.seconds(from) < t - ACTIVITY_HALF_WINDOW_SECONDS) {
        from++;
      }
      while (to < n && series.seconds(to) <= t + ACTIVITY_HALF_WINDOW_SECONDS) {
        to++;
      }
      out[i] = spread(series, from, to);
    }
    return out;
  }

  /** 1 at each frame while one of the spans is going on, else 0. */
  static double[] talking(MouthTracks.Series series, List<double[]> spans) {
    double[] out = new double[series.size()];
    for (int i = 0; i < out.length; i++) {
      double t = series.seconds(i);
      for (double[] span : spans) {
        if (t >= span[0] && t <= span[1]) {
          out[i] = 1;
          break;
        }
      }
    }
    return out;
  }

  /** The standard deviation of the openings of frames {@code from} (inclusive) to {@code to}. */
  private static double spread(MouthTracks.Series series, int from, int to) {
    int n = to - from;
    if (n < 2) {
      return 0;
    }
    double sum = 0;
    double squares = 0;
    for (int i = from; i < to; i++) {
      sum += series.opening(i);
      squares += series.opening(i) * series.opening(i);
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, squares / n - mean * mean));
  }

  /** Pearson's correlation, or {@code NaN} when either side does not vary. */
  static double correlation(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx < 1e-12 || syy < 1e-12 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }
}
