package org.sentio.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.TrackReading;

/**
 * The figures a report's summary shows, computed once from a session: presence per modality,
 * dominant fused emotions, peaks of negative affect and expert usage.
 *
 * @param presence for each modality, the number of windows it was present in
 * @param absences for each modality, the number of windows per reason it was absent
 * @param dominant fused emotions by the number of windows they were the most likely one in, most
 *     frequent first (ties in {@link Emotion} order)
 * @param meanValence mean fused valence over windows that tell it, NaN if none
 * @param meanArousal mean fused arousal over windows that tell it, NaN if none
 * @param peaks peaks of negative affect, strongest first
 * @param experts usage of each expert chosen at least once, by expert number
 * @param persons each tracked face (person) with their own dominant emotion, by track id
 * @param windowCount the number of windows
 */
public record SessionDigest(
    Map<Modality, Integer> presence,
    Map<Modality, Map<AbsenceReason, Integer>> absences,
    List<EmotionCount> dominant,
    double meanValence,
    double meanArousal,
    List<Peak> peaks,
    List<ExpertUsage> experts,
    List<PersonSummary> persons,
    int windowCount) {

  /** Fused negative affect at or above this counts toward a peak. */
  public static final double PEAK_THRESHOLD = 0.5;

  /** Two peaks are at least this far apart (seconds); the weaker of two closer ones is dropped. */
  public static final double PEAK_SEPARATION_SECONDS = 5.0;

  /** At most this many peaks are listed. */
  public static final int MAX_PEAKS = 5;

  /** How many windows had {@code emotion} as their most likely fused emotion. */
  public record EmotionCount(Emotion emotion, int windows) {}

  /**
   * A window where negative affect peaked.
   *
   * @param startSeconds the window's start
   * @param endSeconds the window's end
   * @param score fused probability of sad + angry + fearful + disgusted
   * @param emotion the most likely negative emotion there
   */
  public record Peak(double startSeconds, double endSeconds, double score, Emotion emotion) {}

  /** How often the fusion gate chose {@code expert} and with what mean weight. */
  public record ExpertUsage(int expert, int windows, double meanWeight) {}

  /**
   * One tracked face over the session.
   *
   * @param track the face track's id
   * @param windows the windows the face was seen in
   * @param dominant the face's most frequent top emotion over those windows
   * @param meanValence mean face valence over those windows
   * @param meanArousal mean face arousal over those windows
   */
  public record PersonSummary(
      int track, int windows, Emotion dominant, double meanValence, double meanArousal) {}

  private static final List<Emotion> NEGATIVE =
      List.of(Emotion.SAD, Emotion.ANGRY, Emotion.FEARFUL, Emotion.DISGUSTED);

  /** The digest of {@code result}. */
  public static SessionDigest of(SessionResult result) {
    List<AffectWindow> windows = result.windows();
    Map<Modality, Integer> presence = new EnumMap<>(Modality.class);
    Map<Modality, Map<AbsenceReason, Integer>> absences = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      presence.put(m, 0);
      absences.put(m, new EnumMap<>(AbsenceReason.class));
    }
    Map<Emotion, Integer> tops = new EnumMap<>(Emotion.class);
    double valence = 0;
    int valenceCount = 0;
    double arousal = 0;
    int arousalCount = 0;
    Map<Integer, double[]> experts = new TreeMap<>();
    for (AffectWindow w : windows) {
      for (Modality m : Modality.values()) {
        AffectEstimate e = w.estimate(m);
        if (e.isPresent()) {
          presence.merge(m, 1, Integer::sum);
        } else {
          absences.get(m).merge(e.absence(), 1, Integer::sum);
        }
      }
      FusedEstimate f = w.fused();
      if (f.hasEmotions()) {
        tops.merge(f.emotions().top(), 1, Integer::sum);
      }
      if (!Double.isNaN(f.valence())) {
        valence += f.valence();
        valenceCount++;
      }
      if (!Double.isNaN(f.arousal())) {
        arousal += f.arousal();
        arousalCount++;
      }
      for (ExpertChoice choice : f.experts()) {
        double[] sum = experts.computeIfAbsent(choice.expert(), k -> new double[2]);
        sum[0]++;
        sum[1] += choice.weight();
      }
    }
    List<EmotionCount> dominant = new ArrayList<>();
    tops.forEach((emotion, count) -> dominant.add(new EmotionCount(emotion, count)));
    dominant.sort(
        Comparator.comparingInt(EmotionCount::windows)
            .reversed()
            .thenComparing(EmotionCount::emotion));
    List<ExpertUsage> usage = new ArrayList<>();
    experts.forEach((k, sum) -> usage.add(new ExpertUsage(k, (int) sum[0], sum[1] / sum[0])));
    return new SessionDigest(
        presence,
        absences,
        List.copyOf(dominant),
        valenceCount == 0 ? Double.NaN : valence / valenceCount,
        arousalCount == 0 ? Double.NaN : arousal / arousalCount,
        peaks(windows),
        List.copyOf(usage),
        persons(result),
        windows.size());
  }

  private static List<PersonSummary> persons(SessionResult result) {
    List<PersonSummary> persons = new ArrayList<>();
    for (int track : result.trackIds()) {
      Map<Emotion, Integer> tops = new EnumMap<>(Emotion.class);
      double valence = 0;
      double arousal = 0;
      int count = 0;
      for (TrackReading reading : result.faceTracks()) {
        if (reading.trackId() == track) {
          tops.merge(reading.estimate().emotions().top(), 1, Integer::sum);
          valence += reading.estimate().valence();
          arousal += reading.estimate().arousal();
          count++;
        }
      }
      Emotion dominant =
          tops.entrySet().stream()
              .max(
                  Map.Entry.<Emotion, Integer>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
              .orElseThrow()
              .getKey();
      persons.add(new PersonSummary(track, count, dominant, valence / count, arousal / count));
    }
    return List.copyOf(persons);
  }

  /**
   * One speaker over the session, from their own readings.
   *
   * @param id the speaker's id, e.g. {@code S2}
   * @param role {@code agent} or {@code customer}
   * @param windowsHeard the windows in which the speaker's voice or words were read
   * @param dominant the speaker's most frequent fused top emotion over those windows, or {@code
   *     null} when none had one
   * @param peaks the speaker's peaks of negative affect, in time order
   * @param faceTrack the face track linked to the speaker, or {@code null} when none is
   * @param windowsWithFace the windows in which the linked face was read
   * @param videoWithFaces whether the session tracked any face, so that an unlinked speaker is
   *     worth saying
   */
  public record SpeakerSummary(
      String id,
      String role,
      int windowsHeard,
      Emotion dominant,
      List<Peak> peaks,
      Integer faceTrack,
      int windowsWithFace,
      boolean videoWithFaces) {}

  /** Each speaker's summary, in the session's speaker order (empty without speakers). */
  public static List<SpeakerSummary> speakers(SessionResult result) {
    List<SpeakerSummary> out = new ArrayList<>();
    Map<Integer, AffectWindow> byIndex = new TreeMap<>();
    result.windows().forEach(w -> byIndex.put(w.index(), w));
    for (Speaker speaker : result.speakers()) {
      List<AffectWindow> own = new ArrayList<>();
      Map<Emotion, Integer> tops = new EnumMap<>(Emotion.class);
      int heard = 0;
      int withFace = 0;
      for (SpeakerReading r : result.readingsOf(speaker.id())) {
        if (r.face().isPresent()) {
          withFace++;
        }
        AffectWindow w = byIndex.get(r.windowIndex());
        if (w == null) {
          continue;
        }
        own.add(
            new AffectWindow(
                w.index(), w.startSeconds(), w.endSeconds(), w.estimates(), r.fused()));
        if (r.heard()) {
          heard++;
          if (r.fused().hasEmotions()) {
            tops.merge(r.fused().emotions().top(), 1, Integer::sum);
          }
        }
      }
      Emotion dominant =
          tops.entrySet().stream()
              .max(
                  Map.Entry.<Emotion, Integer>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
              .map(Map.Entry::getKey)
              .orElse(null);
      List<Peak> peaks = new ArrayList<>(peaks(own));
      peaks.sort(Comparator.comparingDouble(Peak::startSeconds));
      out.add(
          new SpeakerSummary(
              speaker.id(),
              speaker.role().id(),
              heard,
              dominant,
              List.copyOf(peaks),
              speaker.faceTrack(),
              withFace,
              !result.trackIds().isEmpty()));
    }
    return List.copyOf(out);
  }

  /** The most frequent fused emotion, or {@code null} when no window had a fused reading. */
  public Emotion dominantEmotion() {
    return dominant.isEmpty() ? null : dominant.get(0).emotion();
  }

  /** Fused negative affect of a window: the probability of sad, angry, fearful or disgusted. */
  public static double negativeAffect(FusedEstimate fused) {
    if (!fused.hasEmotions()) {
      return Double.NaN;
    }
    double sum = 0;
    for (Emotion e : NEGATIVE) {
      sum += fused.emotions().get(e);
    }
    return Math.min(1, sum);
  }

  private static List<Peak> peaks(List<AffectWindow> windows) {
    List<Peak> candidates = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      double score = negativeAffect(windows.get(i).fused());
      if (!(score >= PEAK_THRESHOLD)) {
        continue;
      }
      double before = i > 0 ? negativeAffect(windows.get(i - 1).fused()) : Double.NaN;
      double after =
          i + 1 < windows.size() ? negativeAffect(windows.get(i + 1).fused()) : Double.NaN;
      boolean localMax = !(before > score) && !(after > score);
      if (localMax) {
        AffectWindow w = windows.get(i);
        candidates.add(
            new Peak(w.startSeconds(), w.endSeconds(), score, topNegative(w.fused().emotions())));
      }
    }
    candidates.sort(
        Comparator.comparingDouble(Peak::score).reversed().thenComparing(Peak::startSeconds));
    List<Peak> kept = new ArrayList<>();
    for (Peak p : candidates) {
      boolean clear =
          kept.stream()
              .allMatch(
                  k -> Math.abs(k.startSeconds() - p.startSeconds()) >= PEAK_SEPARATION_SECONDS);
      if (clear) {
        kept.add(p);
      }
      if (kept.size() == MAX_PEAKS) {
        break;
      }
    }
    return List.copyOf(kept);
  }

  private static Emotion topNegative(EmotionDistribution d) {
    Emotion best = NEGATIVE.get(0);
    for (Emotion e : NEGATIVE) {
      if (d.get(e) > d.get(best)) {
        best = e;
      }
    }
    return best;
  }
}
