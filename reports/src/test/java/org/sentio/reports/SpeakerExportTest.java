package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.Utterance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Per-speaker readings in every export, read back from the files written: a session in which the
 * agent (S1, left channel) greets and the customer (S2, right channel) gets angry.
 */
class SpeakerExportTest {
  @TempDir Path out;

  /**
   * The sample session with the greeting said by S1 and the complaint by S2, and their readings.
   */
  static SessionResult twoSpeakers() {
    SessionResult r = SampleSession.result();
    List<Utterance> transcript = new ArrayList<>();
    transcript.add(r.transcript().get(0).spokenBy("S1"));
    transcript.add(r.transcript().get(1).spokenBy("S2"));
    transcript.add(r.transcript().get(2));
    List<Speaker> speakers =
        List.of(
            new Speaker("S1", SpeakerRole.AGENT, 0, null, "no video: the recording has no faces"),
            new Speaker(
                "S2", SpeakerRole.CUSTOMER, 1, null, "no video: the recording has no faces"));
    List<SpeakerReading> readings = new ArrayList<>();
    for (AffectWindow w : r.windows()) {
      for (int s = 0; s < 2; s++) {
        Utterance said = transcript.get(s);
        boolean heard =
            Math.min(w.endSeconds(), said.endSeconds())
                > Math.max(w.startSeconds(), said.startSeconds());
        readings.add(
            new SpeakerReading(
                "S" + (s + 1),
                w.index(),
                heard
                    ? w.estimate(Modality.VOICE)
                    : AffectEstimate.absent(Modality.VOICE, AbsenceReason.NO_SPEECH, "silent"),
                heard
                    ? said.affect()
                    : AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null),
                heard
                    ? w.fused()
                    : new FusedEstimate(
                        null, Double.NaN, Double.NaN, 0, Map.of(), List.of(), "moe-test")));
      }
    }
    return r.toBuilder()
        .transcript(transcript)
        .speakers(speakers)
        .transcriptOrigin(TranscriptOrigin.asr("asr-en", "0.3.45", "en"))
        .build()
        .withSpeakerReadings(readings);
  }

  @Test
  void theJsonHasEachSpeakersReadingsPerWindowAndIsValid() throws Exception {
    SessionResult session = twoSpeakers();
    Path file =
        Reports.write(9, session, EnumSet.of(Format.JSON), out).stream()
            .filter(p -> p.toString().endsWith(".json"))
            .findFirst()
            .orElseThrow();
    JsonNode json = new ObjectMapper().readTree(file.toFile());

    assertThat(ExportRoundTripTest.validate(json)).isEmpty();
    assertThat(json.get("speakers").get(1).get("channel").asInt()).isEqualTo(1);
    assertThat(json.get("speakers").get(1).get("faceTrackNote").asText()).startsWith("no video");
    for (int k = 0; k < session.windows().size(); k++) {
      JsonNode bySpeaker = json.get("windows").get(k).get("bySpeaker");
      assertThat(bySpeaker).hasSize(2);
      assertThat(bySpeaker.get(0).get("speaker").asText()).isEqualTo("S1");
      SpeakerReading customer = session.readingsOf("S2").get(k);
      JsonNode node = bySpeaker.get(1);
      assertThat(node.get("text").get("present").asBoolean())
          .isEqualTo(customer.text().isPresent());
      assertThat(node.get("fused").get("confidence").asDouble())
          .isEqualTo(customer.fused().confidence());
    }
  }

  @Test
  void theCsvGetsASpeakersFileWithOneRowPerSpeakerPerWindow() throws Exception {
    SessionResult session = twoSpeakers();

    List<Path> written = Reports.write(9, session, EnumSet.of(Format.CSV), out);

    Path speakers = out.resolve(Reports.speakerCsvName(9, session));
    assertThat(written).contains(speakers);
    List<String> lines = Files.readAllLines(speakers, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(String.join(",", SpeakerCsv.columns()));
    assertThat(lines).hasSize(1 + 2 * session.windows().size());
    List<String> header = List.of(lines.get(0).split(",", -1));
    int speaker = header.indexOf("speaker");
    int role = header.indexOf("role");
    int channel = header.indexOf("channel");
    int textPresent = header.indexOf("text_present");
    int angry = header.indexOf("fused_angry");
    for (int row = 1; row < lines.size(); row++) {
      String[] cells = lines.get(row).split(",", -1);
      assertThat(cells).hasSize(header.size());
      SpeakerReading reading = session.speakerReadings().get(row - 1);
      assertThat(cells[speaker]).isEqualTo(reading.speaker());
      assertThat(cells[role]).isEqualTo(reading.speaker().equals("S1") ? "agent" : "customer");
      assertThat(cells[channel]).isEqualTo(reading.speaker().equals("S1") ? "0" : "1");
      assertThat(cells[textPresent]).isEqualTo(reading.text().isPresent() ? "1" : "0");
      assertThat(cells[angry].isEmpty()).isEqualTo(!reading.fused().hasEmotions());
    }
  }

  @Test
  void theElanDocumentHasAFusedAndATranscriptTierPerSpeaker() throws Exception {
    SessionResult session = twoSpeakers();
    Path file =
        Reports.write(9, session, EnumSet.of(Format.EAF), out).stream()
            .filter(p -> p.toString().endsWith(".eaf"))
            .findFirst()
            .orElseThrow();
    Document eaf = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());

    NodeList tiers = eaf.getElementsByTagName("TIER");
    List<String> ids = new ArrayList<>();
    String customerSaid = null;
    for (int i = 0; i < tiers.getLength(); i++) {
      Element tier = (Element) tiers.item(i);
      ids.add(tier.getAttribute("TIER_ID"));
      if (tier.getAttribute("TIER_ID").equals("transcript S2")) {
        customerSaid = tier.getElementsByTagName("ANNOTATION_VALUE").item(0).getTextContent();
        assertThat(tier.getElementsByTagName("ANNOTATION").getLength()).isEqualTo(1);
      }
      if (tier.getAttribute("TIER_ID").equals("fused S2")) {
        assertThat(tier.getElementsByTagName("ANNOTATION").getLength())
            .isEqualTo(
                (int) session.readingsOf("S2").stream().filter(SpeakerReading::heard).count());
      }
    }
    assertThat(ids).containsSubsequence("fused S1", "transcript S1", "fused S2", "transcript S2");
    assertThat(customerSaid).startsWith("This is ridiculous");
  }

  @Test
  void theReportSaysWhenTheCustomerWasAngry() throws Exception {
    SessionResult session = twoSpeakers();
    Path file =
        Reports.write(9, session, EnumSet.of(Format.HTML), out).stream()
            .filter(p -> p.toString().endsWith(".html"))
            .findFirst()
            .orElseThrow();
    String html = Files.readString(file, StandardCharsets.UTF_8);

    List<SessionDigest.SpeakerSummary> summaries = SessionDigest.speakers(session);
    assertThat(summaries.get(1).peaks()).isNotEmpty();
    String first = ReportContent.minuteSecond(summaries.get(1).peaks().get(0).startSeconds());
    assertThat(html).contains("Per speaker");
    assertThat(html).contains("customer (S2): angry peak at " + first);
    assertThat(html).containsPattern("<p>agent \\(S1\\): [^<]*; mostly happy</p>");
    assertThat(html).containsPattern("<p>customer \\(S2\\): [^<]*; mostly angry</p>");
  }

  /**
   * {@link #twoSpeakers} with the customer S2 linked to face track 4 (seen in the last three
   * windows), each speaker's face read as the analysis reads it ({@link SpeakerReading#faceOf}).
   */
  static SessionResult customerLinkedToFace() {
    SessionResult r = twoSpeakers();
    List<Speaker> speakers =
        List.of(r.speakers().get(0), r.speakers().get(1).withFace(4, "linked: face track 4"));
    List<SpeakerReading> readings = new ArrayList<>();
    for (SpeakerReading x : r.speakerReadings()) {
      Speaker who = speakers.get(x.speaker().equals("S1") ? 0 : 1);
      List<TrackReading> here =
          r.faceTracks().stream().filter(t -> t.windowIndex() == x.windowIndex()).toList();
      readings.add(
          new SpeakerReading(
              x.speaker(),
              x.windowIndex(),
              x.voice(),
              x.text(),
              x.fused(),
              SpeakerReading.faceOf(who, here)));
    }
    return r.withSpeakers(speakers).withSpeakerReadings(readings);
  }

  @Test
  void theLinkedFaceIsInEachExportAndAnUnlinkedSpeakerSaysSo() throws Exception {
    SessionResult session = customerLinkedToFace();
    int windows = session.windows().size();
    List<Path> written =
        Reports.write(9, session, EnumSet.of(Format.JSON, Format.CSV, Format.HTML), out);

    JsonNode json = new ObjectMapper().readTree(only(written, ".json").toFile());
    assertThat(ExportRoundTripTest.validate(json)).isEmpty();
    for (int k = 0; k < windows; k++) {
      JsonNode agent = json.get("windows").get(k).get("bySpeaker").get(0).get("face");
      JsonNode customer = json.get("windows").get(k).get("bySpeaker").get(1).get("face");
      assertThat(agent.get("absenceDetail").asText())
          .isEqualTo("no face is linked to this speaker");
      if (k >= windows - 3) {
        assertThat(customer.get("present").asBoolean()).as("window " + k).isTrue();
        assertThat(customer.get("emotions").get("angry").asDouble()).isEqualTo(1.0);
      } else {
        assertThat(customer.get("absenceDetail").asText())
            .isEqualTo("the face linked to this speaker (track 4) is not seen in this window");
      }
    }
    assertThat(SessionJsonReader.read(json).speakerReadings())
        .as("read back by import")
        .isEqualTo(session.speakerReadings());

    List<String> lines = Files.readAllLines(only(written, "-speakers.csv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    int facePresent = header.indexOf("face_present");
    int faceAngry = header.indexOf("face_angry");
    assertThat(facePresent).isGreaterThan(header.indexOf("fused_confidence"));
    long customerFaces =
        lines.stream()
            .skip(1)
            .map(l -> l.split(",", -1))
            .filter(c -> c[facePresent].equals("1"))
            .peek(c -> assertThat(Double.parseDouble(c[faceAngry])).isEqualTo(1.0))
            .count();
    assertThat(customerFaces).isEqualTo(3);

    String html = Files.readString(only(written, ".html"), StandardCharsets.UTF_8);
    assertThat(html).containsPattern("<p>agent \\(S1\\): [^<]*; no face linked; [^<]*</p>");
    assertThat(html).containsPattern("<p>customer \\(S2\\): [^<]*; face of track 4 in 3 windows; ");
    String zh =
        Files.readString(
            only(
                Reports.write(
                    9,
                    session,
                    EnumSet.of(Format.HTML),
                    out.resolve("zh"),
                    ReportOptions.DEFAULT.withLanguage(ReportLanguage.ZH_CN)),
                ".html"),
            StandardCharsets.UTF_8);
    assertThat(zh).contains("坐席（S1）：").contains("未关联人脸").contains("人脸轨迹 4，3 个窗口");
  }

  private static Path only(List<Path> written, String suffix) {
    return written.stream().filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
  }
}
