package org.sentio.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.app.store.SessionSummary;
import org.sentio.reports.SessionDigest;

/** Human-readable text for sessions on the command line. */
final class SessionPrinter {
  private SessionPrinter() {}

  /** A short summary: per modality, how often present and what it mostly read, then the fusion. */
  static void summary(long id, SessionResult r, PrintStream out) {
    List<AffectWindow> windows = r.windows();
    out.printf(
        Locale.ROOT,
        "Session %d \"%s\": %.1f s analysed, %d windows (%.1f s, hop %.1f s)%n",
        id,
        r.title(),
        r.durationSeconds(),
        windows.size(),
        r.options().windowSeconds(),
        r.options().hopSeconds());
    for (Modality m : Modality.values()) {
      out.println("  " + modalityLine(m, windows));
    }
    out.println("  " + fusedLine(windows));
    if (recognised(r)) {
      words(r, SUMMARY_UTTERANCES, out);
    }
    speakerReadings(r, out);
    for (String warning : r.warnings()) {
      out.println("  warning: " + warning);
    }
  }

  /** Utterances printed in the summary; the rest are in sessions show and the exports. */
  static final int SUMMARY_UTTERANCES = 12;

  private static boolean recognised(SessionResult r) {
    return r.transcriptOrigin() != null && r.transcriptOrigin().source() == TranscriptSource.ASR;
  }

  /** Where the words came from, then up to {@code limit} utterances with their confidence. */
  static void words(SessionResult r, int limit, PrintStream out) {
    TranscriptOrigin origin = r.transcriptOrigin();
    int words = r.transcript().stream().mapToInt(u -> u.words().size()).sum();
    double confidence =
        r.transcript().stream()
            .flatMap(u -> u.words().stream())
            .mapToDouble(RecognizedWord::confidence)
            .average()
            .orElse(Double.NaN);
    out.printf(
        Locale.ROOT,
        "  words  recognised by %s %s (%s): %d utterances, %d words%s%n",
        origin.model(),
        origin.version(),
        origin.language(),
        r.transcript().size(),
        words,
        Double.isNaN(confidence)
            ? ""
            : String.format(Locale.ROOT, ", mean confidence %.2f", confidence));
    if (!r.speakers().isEmpty()) {
      out.println("  speakers  " + speakerSummary(r));
    }
    int shown = 0;
    for (Utterance u : r.transcript()) {
      if (shown++ == limit) {
        out.printf(
            Locale.ROOT,
            "         … %d more (sentio sessions show)%n",
            r.transcript().size() - limit);
        break;
      }
      out.printf(
          Locale.ROOT,
          "    %6.1f–%6.1f  %s%s  (%.2f)%n",
          u.startSeconds(),
          u.endSeconds(),
          speakerLabel(r, u.speaker()),
          u.text(),
          u.confidence());
    }
  }

  /**
   * One line per speaker from their own readings: where the voice came from, in how many windows
   * voice and text were read, the most frequent fused emotion, the peaks of negative affect and how
   * long they talked. {@code analyze} and {@code sessions show} both print it.
   */
  static void speakerReadings(SessionResult r, PrintStream out) {
    int windows = r.windows().size();
    for (SessionDigest.SpeakerSummary summary : SessionDigest.speakers(r)) {
      Speaker speaker =
          r.speakers().stream().filter(s -> s.id().equals(summary.id())).findFirst().orElseThrow();
      long voice = r.readingsOf(speaker.id()).stream().filter(x -> x.voice().isPresent()).count();
      long text = r.readingsOf(speaker.id()).stream().filter(x -> x.text().isPresent()).count();
      List<String> peaks = new ArrayList<>();
      for (SessionDigest.Peak p : summary.peaks()) {
        peaks.add(
            String.format(
                Locale.ROOT,
                "%s %02d:%02d",
                p.emotion().label(),
                (int) p.startSeconds() / 60,
                (int) p.startSeconds() % 60));
      }
      out.printf(
          Locale.ROOT,
          "  %s %s%s  voice %d/%d windows, text %d/%d%s; mostly %s; %s; %s%n",
          speaker.id(),
          speaker.role().id(),
          speaker.channel() == null
              ? ""
              : speaker.channel() == 0 ? " (left channel)" : " (right channel)",
          voice,
          windows,
          text,
          windows,
          faceCount(summary, windows),
          summary.dominant() == null ? "—" : summary.dominant().label(),
          peaks.isEmpty()
              ? "no peak of negative affect"
              : "negative peaks " + String.join(", ", peaks),
          talkTime(r, speaker));
    }
  }

  /**
   * The linked face's share of the windows (", face of track 2 14/23"), that no face is linked when
   * the video has faces, or nothing for a recording without faces.
   */
  private static String faceCount(SessionDigest.SpeakerSummary summary, int windows) {
    if (summary.faceTrack() != null) {
      return String.format(
          Locale.ROOT,
          ", face of track %d %d/%d",
          summary.faceTrack(),
          summary.windowsWithFace(),
          windows);
    }
    return summary.videoWithFaces() ? ", no face linked" : "";
  }

  /**
   * How long and in how many utterances a speaker talked, e.g. {@code "talked 3.2 s in 2
   * utterances"}.
   */
  private static String talkTime(SessionResult r, Speaker speaker) {
    Talk talk = Talk.of(r, speaker);
    return String.format(
        Locale.ROOT,
        "talked %.1f s in %d utterance%s",
        talk.seconds(),
        talk.utterances(),
        talk.utterances() == 1 ? "" : "s");
  }

  /** A speaker's utterances and the seconds they span. */
  private record Talk(int utterances, double seconds) {
    static Talk of(SessionResult r, Speaker speaker) {
      int said = 0;
      double seconds = 0;
      for (Utterance u : r.transcript()) {
        if (speaker.id().equals(u.speaker())) {
          said++;
          seconds += u.endSeconds() - u.startSeconds();
        }
      }
      return new Talk(said, seconds);
    }
  }

  /** One line: each speaker's id, role and how many utterances and seconds they spoke. */
  static String speakerSummary(SessionResult r) {
    List<String> parts = new ArrayList<>();
    for (Speaker s : r.speakers()) {
      Talk talk = Talk.of(r, s);
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %s: %d utterance%s, %.1f s",
              s.id(),
              s.role().id(),
              talk.utterances(),
              talk.utterances() == 1 ? "" : "s",
              talk.seconds()));
    }
    return String.join("; ", parts);
  }

  /** {@code "S1 agent "} before an utterance's text, or nothing when speakers are unknown. */
  private static String speakerLabel(SessionResult r, String speakerId) {
    if (speakerId == null) {
      return "";
    }
    for (Speaker s : r.speakers()) {
      if (s.id().equals(speakerId)) {
        return s.id() + " " + s.role().id() + "  ";
      }
    }
    return speakerId + "  ";
  }

  static String modalityLine(Modality m, List<AffectWindow> windows) {
    int present = 0;
    Map<Emotion, Integer> tops = new EnumMap<>(Emotion.class);
    double arousal = 0;
    int arousalCount = 0;
    Map<String, Integer> reasons = new java.util.TreeMap<>();
    for (AffectWindow w : windows) {
      AffectEstimate e = w.estimate(m);
      if (!e.isPresent()) {
        reasons.merge(e.absence().label(), 1, Integer::sum);
        continue;
      }
      present++;
      if (e.hasEmotions()) {
        tops.merge(e.emotions().top(), 1, Integer::sum);
      }
      if (e.hasArousal()) {
        arousal += e.arousal();
        arousalCount++;
      }
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT, "%-6s present in %d/%d windows", m.label(), present, windows.size()));
    Emotion top = mostFrequent(tops);
    if (top != null) {
      line.append(", mostly ").append(top.label());
    }
    if (arousalCount > 0) {
      line.append(String.format(Locale.ROOT, ", mean arousal %+.2f", arousal / arousalCount));
    }
    if (!reasons.isEmpty()) {
      line.append("; absent: ");
      reasons.forEach((reason, n) -> line.append(reason).append(" (").append(n).append(") "));
      line.setLength(line.length() - 1);
    }
    return line.toString();
  }

  private static String fusedLine(List<AffectWindow> windows) {
    Map<Emotion, Integer> tops = new EnumMap<>(Emotion.class);
    double valence = 0;
    int valenceCount = 0;
    for (AffectWindow w : windows) {
      FusedEstimate f = w.fused();
      if (f.hasEmotions()) {
        tops.merge(f.emotions().top(), 1, Integer::sum);
      }
      if (!Double.isNaN(f.valence())) {
        valence += f.valence();
        valenceCount++;
      }
    }
    Emotion top = mostFrequent(tops);
    if (top == null) {
      return "fused  no window had a reading";
    }
    return String.format(
        Locale.ROOT,
        "fused  dominant: %s in %d/%d windows%s",
        top.label(),
        tops.get(top),
        windows.size(),
        valenceCount > 0
            ? String.format(Locale.ROOT, ", mean valence %+.2f", valence / valenceCount)
            : "");
  }

  private static Emotion mostFrequent(Map<Emotion, Integer> counts) {
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  static void list(List<SessionSummary> sessions, PrintStream out) {
    if (sessions.isEmpty()) {
      out.println("No sessions yet. Analyse one with: sentio analyze FILE");
      return;
    }
    out.printf(
        "%5s  %-20s  %-6s  %8s  %7s  %s%n",
        "ID", "CREATED", "STATUS", "SECONDS", "WINDOWS", "TITLE");
    for (SessionSummary s : sessions) {
      out.printf(
          Locale.ROOT,
          "%5d  %-20s  %-6s  %8.1f  %7d  %s%s%n",
          s.id(),
          s.createdAt().toString().substring(0, 19).replace('T', ' '),
          s.status(),
          s.durationSeconds(),
          s.windows(),
          s.title(),
          s.failure() == null ? "" : " (" + s.failure() + ")");
    }
  }

  /** The whole session: header, models, transcript and one line per window. */
  static void show(long id, SessionResult r, PrintStream out) {
    summary(id, r, out);
    if (r.media() != null) {
      out.printf(
          Locale.ROOT,
          "  media  %s (%s, %.1f s%s%s)%n",
          r.media().path(),
          r.media().format(),
          r.media().durationSeconds(),
          r.media().hasVideo()
              ? String.format(
                  Locale.ROOT,
                  ", video %s %dx%d %.2f fps",
                  r.media().videoCodec(),
                  r.media().width(),
                  r.media().height(),
                  r.media().frameRate())
              : ", no video",
          r.media().hasAudio()
              ? String.format(
                  Locale.ROOT, ", audio %s %d Hz", r.media().audioCodec(), r.media().sampleRate())
              : ", no audio");
    }
    r.models()
        .forEach(
            m ->
                out.printf(
                    "  model  %s %s on %s (sha256 %s)%s%n",
                    m.name(),
                    m.version(),
                    m.executionProvider(),
                    m.sha256() == null ? "?" : m.sha256().substring(0, 12),
                    m.runtime() == null ? "" : "; " + m.runtime()));
    out.println("  fusion " + r.fusionMethod());
    expertLoad(r, out);
    if (!r.transcript().isEmpty()) {
      out.println();
      TranscriptOrigin origin = r.transcriptOrigin();
      out.println(
          origin != null && origin.source() == TranscriptSource.ASR
              ? "Transcript (recognised by "
                  + origin.model()
                  + " "
                  + origin.version()
                  + ", "
                  + origin.language()
                  + "; confidence in brackets):"
              : "Transcript:");
      for (Utterance u : r.transcript()) {
        out.printf(
            Locale.ROOT,
            "  %6.1f–%6.1f  %-9s  %s%s%s%s%n",
            u.startSeconds(),
            u.endSeconds(),
            u.affect().hasEmotions() ? u.affect().emotions().top().label() : "-",
            u.speaker() == null ? "" : u.speaker() + ": ",
            u.text(),
            Double.isNaN(u.confidence())
                ? ""
                : String.format(Locale.ROOT, "  (%.2f)", u.confidence()),
            u.corrected() ? "  [corrected; recognised: " + u.originalText() + "]" : "");
      }
    }
    out.println();
    windows(r, out);
  }

  /** The expert load the MoE fusion recorded, or why there is none. */
  static void expertLoad(SessionResult r, PrintStream out) {
    ExpertTelemetry load = r.expertLoad();
    if (load == null) {
      out.println("  experts no expert telemetry (fusion: " + r.fusionMethod() + ")");
      return;
    }
    out.printf(
        Locale.ROOT,
        "  experts %d windows routed to the top %d of %d experts; share of windows per expert:%n",
        load.windows(),
        load.topK(),
        load.experts());
    StringBuilder line = new StringBuilder();
    for (int e = 0; e < load.experts(); e++) {
      line.append(String.format(Locale.ROOT, "  e%-2d %5.1f%%", e, 100 * load.share(e)));
      if (e % 8 == 7 || e == load.experts() - 1) {
        out.println("          " + line.toString().stripLeading());
        line.setLength(0);
      }
    }
    out.printf(
        Locale.ROOT,
        "          capacity overflow %d (capacity factor %.2f, batches of up to %d); %d re-run%s"
            + " of a window in a later batch, results unchanged%n",
        load.overflow(),
        load.capacityFactor(),
        load.batchSize(),
        load.deferredWindows(),
        load.deferredWindows() == 1 ? "" : "s");
    List<String> idle = new ArrayList<>();
    long[] counts = load.counts();
    for (int e = 0; e < counts.length; e++) {
      if (counts[e] == 0) {
        idle.add("e" + e);
      }
    }
    out.printf(
        Locale.ROOT,
        "          balance: coefficient of variation %.2f; idle experts: %s%n",
        load.coefficientOfVariation(),
        idle.isEmpty() ? "none" : idle.size() + " (" + String.join(", ", idle) + ")");
  }

  /** One line per window: each modality's reading and the fused one with the weights. */
  static void windows(SessionResult r, PrintStream out) {
    out.printf(
        "%6s %6s  %-16s %-16s %-16s %-16s %s%n",
        "START", "END", "FACE", "VOICE", "TEXT", "FUSED", "WEIGHTS f/v/t");
    for (AffectWindow w : r.windows()) {
      FusedEstimate f = w.fused();
      out.printf(
          Locale.ROOT,
          "%6.1f %6.1f  %-16s %-16s %-16s %-16s %.2f/%.2f/%.2f%n",
          w.startSeconds(),
          w.endSeconds(),
          cell(w.estimate(Modality.FACE)),
          cell(w.estimate(Modality.VOICE)),
          cell(w.estimate(Modality.TEXT)),
          f.hasEmotions()
              ? String.format(
                  Locale.ROOT,
                  "%s %.2f",
                  f.emotions().top().label(),
                  f.emotions().get(f.emotions().top()))
              : "-",
          f.modalityWeights().getOrDefault(Modality.FACE, 0.0),
          f.modalityWeights().getOrDefault(Modality.VOICE, 0.0),
          f.modalityWeights().getOrDefault(Modality.TEXT, 0.0));
    }
  }

  /** One line per face found in a photograph. */
  static void faces(
      Path image, int width, int height, List<FaceObservation> faces, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%s (%dx%d): %d face%s%n",
        image,
        width,
        height,
        faces.size(),
        faces.size() == 1 ? "" : "s");
    int n = 1;
    for (FaceObservation f : faces) {
      Emotion top = f.expression().top();
      StringBuilder others = new StringBuilder();
      for (Emotion e : Emotion.values()) {
        if (e != top && f.expression().get(e) >= 0.01) {
          others.append(String.format(Locale.ROOT, ", %s %.2f", e.label(), f.expression().get(e)));
        }
      }
      out.printf(
          Locale.ROOT,
          "  face %d: box x=%.0f y=%.0f w=%.0f h=%.0f, detection %.2f, quality %.2f;"
              + " %s %.2f%s; valence %+.2f, arousal %+.2f%n",
          n++,
          f.box().x(),
          f.box().y(),
          f.box().width(),
          f.box().height(),
          f.detectionScore(),
          f.quality(),
          top.label(),
          f.expression().get(top),
          others,
          f.valence(),
          f.arousal());
    }
  }

  private static String cell(AffectEstimate e) {
    if (!e.isPresent()) {
      return "(" + e.absence().label() + ")";
    }
    if (e.hasEmotions()) {
      Emotion top = e.emotions().top();
      return String.format(Locale.ROOT, "%s %.2f", top.label(), e.emotions().get(top));
    }
    return String.format(Locale.ROOT, "arousal %+.2f", e.arousal());
  }
}
