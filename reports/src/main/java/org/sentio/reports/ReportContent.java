package org.sentio.reports;

import java.awt.image.BufferedImage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;

/**
 * A report laid out once as a list of language-specific blocks, which {@link PdfReport} and {@link
 * HtmlReport} each render: the two formats always say the same thing.
 */
final class ReportContent {
  /** One piece of a report. */
  sealed interface Block permits Title, Banner, Heading, Paragraph, Table, Chart {}

  record Title(String title, String subtitle, String generated) implements Block {}

  /** The clinical disclaimer, drawn prominently. */
  record Banner(String text, String detail) implements Block {}

  record Heading(String text) implements Block {}

  record Paragraph(String text) implements Block {}

  /**
   * A table; {@code widths} are the columns' relative widths.
   *
   * @param header the header cells
   * @param rows the body rows, each as long as the header
   * @param widths relative column widths
   */
  record Table(List<String> header, List<List<String>> rows, double[] widths) implements Block {}

  /** A chart image at {@code width × height} layout units (drawn at twice that resolution). */
  record Chart(BufferedImage image, String caption, int width, int height, String id)
      implements Block {}

  private final List<Block> blocks = new ArrayList<>();
  private final String title;
  private final Messages text;
  private final ReportOptions options;

  private ReportContent(String title, Messages text, ReportOptions options) {
    this.title = title;
    this.text = text;
    this.options = options;
  }

  List<Block> blocks() {
    return blocks;
  }

  String title() {
    return title;
  }

  Messages text() {
    return text;
  }

  ReportOptions options() {
    return options;
  }

  /** The report of {@code result} in the language and variant of {@code options}. */
  static ReportContent of(SessionResult result, ReportOptions options) {
    Messages text = new Messages(options.language());
    ReportContent c = new ReportContent(result.title(), text, options);
    SessionDigest digest = SessionDigest.of(result);
    String version = ReportContent.class.getPackage().getImplementationVersion();
    c.add(
        new Title(
            result.title(),
            text.get("report.heading"),
            text.get(
                "report.generated",
                version == null ? "(development build)" : version,
                instant(result.createdAt()))));
    if (options.clinical()) {
      c.add(new Banner(text.get("clinical.disclaimer"), text.get("clinical.detail")));
    }
    c.summary(result, digest);
    for (ReportSection section : options.sections()) {
      c.add(new Heading(section.heading()));
      section.paragraphs().forEach(p -> c.add(new Paragraph(p)));
      if (!section.table().isEmpty()) {
        List<String> header = section.table().get(0);
        double[] widths = new double[header.size()];
        java.util.Arrays.fill(widths, 1);
        c.add(new Table(header, section.table().subList(1, section.table().size()), widths));
      }
    }
    c.add(new Heading(text.get("section.charts")));
    c.add(
        new Chart(
            Charts.timeline(result, text),
            text.get("chart.timeline"),
            Charts.WIDTH,
            Charts.TIMELINE_HEIGHT,
            "timeline"));
    c.add(
        new Chart(
            Charts.plane(result, text),
            text.get("chart.plane"),
            Charts.WIDTH,
            Charts.PLANE_HEIGHT,
            "plane"));
    c.transcript(result);
    c.models(result);
    c.settings(result);
    if (!result.warnings().isEmpty()) {
      c.add(new Heading(text.get("section.warnings")));
      result.warnings().forEach(w -> c.add(new Paragraph(w)));
    }
    return c;
  }

  /**
   * One line per speaker, e.g. "customer (S2): angry peaks at 02:14, 03:40", from the speaker's own
   * readings; nothing for a session without speakers.
   */
  private void speakers(SessionResult result) {
    List<SessionDigest.SpeakerSummary> speakers = SessionDigest.speakers(result);
    if (speakers.isEmpty()) {
      return;
    }
    add(new Heading(text.get("summary.speakers")));
    for (SessionDigest.SpeakerSummary s : speakers) {
      add(new Paragraph(speakerLine(s)));
    }
  }

  /** A speaker's summary line, peaks grouped by emotion in order of first peak. */
  String speakerLine(SessionDigest.SpeakerSummary s) {
    String who = text.get("speaker.name", text.get("role." + s.role()), s.id());
    if (s.windowsHeard() == 0) {
      return text.get("speaker.line", who, text.get("speaker.unheard"));
    }
    Map<org.sentio.affect.Emotion, List<String>> times = new java.util.LinkedHashMap<>();
    for (SessionDigest.Peak p : s.peaks()) {
      times
          .computeIfAbsent(p.emotion(), e -> new ArrayList<>())
          .add(minuteSecond(p.startSeconds()));
    }
    List<String> parts = new ArrayList<>();
    times.forEach(
        (emotion, at) ->
            parts.add(
                text.get(
                    at.size() == 1 ? "speaker.peak" : "speaker.peaks",
                    text.emotion(emotion),
                    String.join(", ", at))));
    if (parts.isEmpty()) {
      parts.add(text.get("speaker.nopeak"));
    }
    if (s.faceTrack() != null) {
      parts.add(text.get("speaker.face", s.faceTrack(), s.windowsWithFace()));
    } else if (s.videoWithFaces()) {
      parts.add(text.get("speaker.noFace"));
    }
    if (s.dominant() != null) {
      parts.add(text.get("speaker.mostly", text.emotion(s.dominant())));
    }
    return text.get("speaker.line", who, String.join("; ", parts));
  }

  private void add(Block block) {
    blocks.add(block);
  }

  private void summary(SessionResult result, SessionDigest digest) {
    add(new Heading(text.get("section.summary")));
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of(text.get("summary.title"), result.title()));
    facts.add(List.of(text.get("summary.created"), instant(result.createdAt())));
    facts.add(List.of(text.get("summary.media"), mediaText(result.media())));
    facts.add(
        List.of(
            text.get("summary.duration"),
            String.format(
                Locale.ROOT,
                "%s (%.1f s)",
                clock(result.durationSeconds()),
                result.durationSeconds())));
    facts.add(List.of(text.get("summary.windows"), Integer.toString(digest.windowCount())));
    add(new Table(List.of(text.get("table.setting"), text.get("table.value")), facts, w(1, 3)));

    add(new Heading(text.get("summary.modalities")));
    for (Modality m : Modality.values()) {
      int present = digest.presence().get(m);
      Map<AbsenceReason, Integer> absent = digest.absences().get(m);
      if (present > 0) {
        add(
            new Paragraph(
                text.get(
                    "summary.modality.present",
                    text.modality(m),
                    Integer.toString(present),
                    Integer.toString(digest.windowCount()),
                    percent(present, digest.windowCount()))));
      } else {
        List<String> reasons = new ArrayList<>();
        absent.keySet().forEach(r -> reasons.add(text.absence(r)));
        add(
            new Paragraph(
                text.get("summary.modality.absent", text.modality(m), String.join(", ", reasons))));
      }
    }

    add(new Heading(text.get("summary.dominant")));
    if (digest.dominant().isEmpty()) {
      add(new Paragraph(text.get("summary.dominant.none")));
    } else {
      for (SessionDigest.EmotionCount count : digest.dominant()) {
        add(
            new Paragraph(
                text.get(
                    "summary.dominant.row",
                    text.emotion(count.emotion()),
                    Integer.toString(count.windows()),
                    Integer.toString(digest.windowCount()),
                    percent(count.windows(), digest.windowCount()))));
      }
    }
    if (!Double.isNaN(digest.meanValence()) || !Double.isNaN(digest.meanArousal())) {
      add(
          new Paragraph(
              text.get(
                  "summary.valence", signed(digest.meanValence()), signed(digest.meanArousal()))));
    }

    add(new Heading(text.get("summary.peaks")));
    String threshold = String.format(Locale.ROOT, "%.2f", SessionDigest.PEAK_THRESHOLD);
    if (digest.peaks().isEmpty()) {
      add(new Paragraph(text.get("summary.peaks.none", threshold)));
    } else {
      add(
          new Paragraph(
              text.get(
                  "summary.peaks.explain",
                  threshold,
                  String.format(Locale.ROOT, "%.0f", SessionDigest.PEAK_SEPARATION_SECONDS))));
      List<List<String>> rows = new ArrayList<>();
      for (SessionDigest.Peak p : digest.peaks()) {
        rows.add(
            List.of(
                clock(p.startSeconds()) + " – " + clock(p.endSeconds()),
                text.emotion(p.emotion()),
                String.format(Locale.ROOT, "%.2f", p.score())));
      }
      add(
          new Table(
              List.of(text.get("table.time"), text.get("table.emotion"), text.get("table.score")),
              rows,
              w(2, 1, 1)));
    }

    add(new Heading(text.get("summary.persons")));
    if (digest.persons().isEmpty()) {
      add(new Paragraph(text.get("summary.persons.none")));
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (SessionDigest.PersonSummary p : digest.persons()) {
        rows.add(
            List.of(
                text.get("person.name", p.track()),
                Integer.toString(p.windows()),
                text.emotion(p.dominant()),
                String.format(Locale.ROOT, "%+.2f", p.meanValence()),
                String.format(Locale.ROOT, "%+.2f", p.meanArousal())));
      }
      add(
          new Table(
              List.of(
                  text.get("table.person"),
                  text.get("summary.windows"),
                  text.get("table.emotion"),
                  text.get("table.valence"),
                  text.get("table.arousal")),
              rows,
              w(2, 1, 2, 1, 1)));
    }

    speakers(result);

    add(new Heading(text.get("summary.experts")));
    if (digest.experts().isEmpty()) {
      add(new Paragraph(text.get("summary.experts.none", result.fusionMethod())));
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (SessionDigest.ExpertUsage u : digest.experts()) {
        rows.add(
            List.of(
                Integer.toString(u.expert()),
                Integer.toString(u.windows()),
                String.format(Locale.ROOT, "%.3f", u.meanWeight())));
      }
      add(
          new Table(
              List.of(
                  text.get("table.expert"), text.get("table.selected"), text.get("table.weight")),
              rows,
              w(1, 1, 1)));
    }
  }

  private void transcript(SessionResult result) {
    add(new Heading(text.get("section.transcript")));
    if (result.transcript().isEmpty()) {
      add(new Paragraph(text.get("transcript.none")));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Utterance u : result.transcript()) {
      rows.add(
          List.of(
              clock(u.startSeconds()) + " – " + clock(u.endSeconds()),
              u.text(),
              utteranceEmotion(u.affect()),
              signed(u.affect().valence())));
    }
    add(
        new Table(
            List.of(
                text.get("table.time"),
                text.get("table.text"),
                text.get("table.emotion"),
                text.get("table.valence")),
            rows,
            w(1.4, 4.2, 1.3, 0.9)));
  }

  private String utteranceEmotion(AffectEstimate e) {
    if (!e.isPresent()) {
      return text.absence(e.absence());
    }
    if (!e.hasEmotions()) {
      return text.emotion(null);
    }
    return String.format(
        Locale.ROOT,
        "%s %.0f%%",
        text.emotion(e.emotions().top()),
        100 * e.emotions().get(e.emotions().top()));
  }

  private void models(SessionResult result) {
    add(new Heading(text.get("section.models")));
    if (result.models().isEmpty()) {
      add(new Paragraph(text.get("models.none")));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (ModelUse m : result.models()) {
      rows.add(List.of(m.name(), m.version(), m.sha256(), m.executionProvider()));
    }
    add(
        new Table(
            List.of(
                text.get("table.name"),
                text.get("table.version"),
                text.get("table.sha256"),
                text.get("table.provider")),
            rows,
            w(1.3, 1.5, 4.6, 0.8)));
  }

  private void settings(SessionResult result) {
    add(new Heading(text.get("section.settings")));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(text.get("settings.fps"), number(result.options().analysisFps())));
    rows.add(List.of(text.get("settings.window"), number(result.options().windowSeconds())));
    rows.add(List.of(text.get("settings.hop"), number(result.options().hopSeconds())));
    rows.add(List.of(text.get("settings.fusion"), result.fusionMethod()));
    rows.add(List.of(text.get("settings.language"), options.language().tag()));
    add(new Table(List.of(text.get("table.setting"), text.get("table.value")), rows, w(2, 2)));
  }

  private static double[] w(double... widths) {
    return widths;
  }

  private static String media(MediaSummary m) {
    if (m == null) {
      return null;
    }
    StringBuilder s = new StringBuilder(m.path()).append(" (").append(m.format());
    if (m.hasVideo()) {
      s.append(
          String.format(
              Locale.ROOT,
              "; video %s %d×%d %.2f fps",
              m.videoCodec(),
              m.width(),
              m.height(),
              m.frameRate()));
    }
    if (m.hasAudio()) {
      s.append(String.format(Locale.ROOT, "; audio %s %d Hz", m.audioCodec(), m.sampleRate()));
    }
    return s.append(')').toString();
  }

  private String mediaText(MediaSummary m) {
    return m == null ? text.get("summary.media.none") : media(m);
  }

  /** {@code m:ss.s} or {@code h:mm:ss.s}. */
  /** {@code 02:14} (or {@code 1:02:14} past an hour): a time to the second, for a sentence. */
  static String minuteSecond(double seconds) {
    long whole = (long) Math.floor(seconds);
    long h = whole / 3600;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, (whole / 60) % 60, whole % 60)
        : String.format(Locale.ROOT, "%02d:%02d", whole / 60, whole % 60);
  }

  static String clock(double seconds) {
    if (Double.isNaN(seconds)) {
      return "—";
    }
    long tenths = Math.round(seconds * 10);
    long h = tenths / 36000;
    long m = (tenths / 600) % 60;
    double s = (tenths % 600) / 10.0;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%04.1f", h, m, s)
        : String.format(Locale.ROOT, "%d:%04.1f", m, s);
  }

  static String signed(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%+.2f", value);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
  }

  private static String instant(java.time.Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
        .withZone(ZoneId.of("UTC"))
        .format(instant);
  }
}
