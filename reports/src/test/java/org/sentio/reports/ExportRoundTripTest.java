package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every export read back: CSV and WebVTT by Sentio's readers, ELAN by DOM, JSON by its schema. */
class ExportRoundTripTest {
  private final SessionResult session = SampleSession.result();

  @Test
  void csvReadsBackEveryWindowToSixDecimals() throws Exception {
    StringWriter csv = new StringWriter();
    WindowCsv.write(session, csv);
    List<AffectWindow> back = WindowCsv.read(new StringReader(csv.toString()));
    assertThat(back).hasSameSizeAs(session.windows());
    for (int i = 0; i < back.size(); i++) {
      AffectWindow want = session.windows().get(i);
      AffectWindow got = back.get(i);
      assertThat(got.index()).isEqualTo(want.index());
      assertThat(got.startSeconds()).isCloseTo(want.startSeconds(), within(1e-6));
      assertThat(got.endSeconds()).isCloseTo(want.endSeconds(), within(1e-6));
      for (Modality m : Modality.values()) {
        AffectEstimate w = want.estimate(m);
        AffectEstimate g = got.estimate(m);
        assertThat(g.isPresent()).isEqualTo(w.isPresent());
        assertThat(g.absence()).isEqualTo(w.absence());
        assertSameNumber(g.valence(), w.valence());
        assertSameNumber(g.arousal(), w.arousal());
        assertSameNumber(g.confidence(), w.confidence());
        assertThat(g.hasEmotions()).isEqualTo(w.hasEmotions());
        if (w.hasEmotions()) {
          for (Emotion e : Emotion.values()) {
            assertThat(g.emotions().get(e)).isCloseTo(w.emotions().get(e), within(1e-6));
          }
        }
      }
      assertSameNumber(got.fused().valence(), want.fused().valence());
      assertSameNumber(got.fused().arousal(), want.fused().arousal());
      assertThat(got.fused().hasEmotions()).isEqualTo(want.fused().hasEmotions());
      for (Modality m : Modality.values()) {
        assertThat(got.fused().modalityWeights().getOrDefault(m, 0.0))
            .isCloseTo(want.fused().modalityWeights().getOrDefault(m, 0.0), within(1e-6));
      }
    }
  }

  @Test
  void csvReaderNamesTheRowOfABrokenNumber() throws Exception {
    StringWriter csv = new StringWriter();
    WindowCsv.write(session, csv);
    String broken = csv.toString().replaceFirst("\r\n0,0\\.000000,", "\r\n0,zero,");
    assertThatThrownBy(() -> WindowCsv.read(new StringReader(broken)))
        .hasMessageContaining("row 2, column start");
  }

  @Test
  void csvReaderRefusesAForeignHeader() {
    assertThatThrownBy(() -> WindowCsv.read(new StringReader("a,b\r\n1,2\r\n")))
        .hasMessageContaining("not a Sentio window CSV header");
  }

  @Test
  void vttReadsBackEveryCue() throws Exception {
    StringWriter vtt = new StringWriter();
    EmotionVtt.write(session, vtt);
    List<EmotionCue> written = EmotionVtt.cues(session);
    List<EmotionCue> back = EmotionVtt.read(new StringReader(vtt.toString()));
    assertThat(back).hasSameSizeAs(written);
    for (int i = 0; i < back.size(); i++) {
      EmotionCue w = written.get(i);
      EmotionCue g = back.get(i);
      assertThat(g.startSeconds()).isEqualTo(w.startSeconds());
      assertThat(g.endSeconds()).isEqualTo(w.endSeconds());
      assertThat(g.emotion()).isEqualTo(w.emotion());
      assertThat(g.probability()).isCloseTo(w.probability(), within(0.005));
      assertSameNumber(g.valence(), w.valence(), 0.005);
      assertSameNumber(g.arousal(), w.arousal(), 0.005);
    }
  }

  @Test
  void vttCuesFollowTheFusedEmotionRunsWithoutOverlap() {
    List<EmotionCue> cues = EmotionVtt.cues(session);
    assertThat(cues)
        .extracting(EmotionCue::emotion)
        .containsExactly(Emotion.HAPPY, Emotion.ANGRY, Emotion.NEUTRAL);
    for (int i = 1; i < cues.size(); i++) {
      assertThat(cues.get(i).startSeconds()).isGreaterThanOrEqualTo(cues.get(i - 1).endSeconds());
    }
    assertThat(cues.get(0).startSeconds()).isZero();
    // The fused reading has no category from 14.5 s (t >= 15): no cue covers it.
    assertThat(cues.get(cues.size() - 1).endSeconds()).isEqualTo(14.5);
  }

  @Test
  void vttTimestampsHaveHoursAndMilliseconds() {
    assertThat(EmotionVtt.timestamp(3723.4567)).isEqualTo("01:02:03.457");
  }

  @Test
  void eafHoldsEveryWindowOfEveryTierAsWritten() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ElanEaf.write(session, out);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(out.toByteArray()));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("ANNOTATION_DOCUMENT");
    assertThat(root.getAttribute("VERSION")).isEqualTo("3.0");
    assertThat(root.getAttribute("FORMAT")).isEqualTo("3.0");
    Element header = (Element) root.getElementsByTagName("HEADER").item(0);
    assertThat(header.getAttribute("TIME_UNITS")).isEqualTo("milliseconds");
    Element media = (Element) header.getElementsByTagName("MEDIA_DESCRIPTOR").item(0);
    assertThat(media.getAttribute("MEDIA_URL")).isEqualTo("file:///calls/refund.mp4");
    assertThat(media.getAttribute("MIME_TYPE")).isEqualTo("video/mp4");

    java.util.Map<String, Long> slots = new java.util.HashMap<>();
    NodeList slotNodes = root.getElementsByTagName("TIME_SLOT");
    for (int i = 0; i < slotNodes.getLength(); i++) {
      Element s = (Element) slotNodes.item(i);
      slots.put(s.getAttribute("TIME_SLOT_ID"), Long.parseLong(s.getAttribute("TIME_VALUE")));
    }
    java.util.Set<String> types = new java.util.HashSet<>();
    NodeList typeNodes = root.getElementsByTagName("LINGUISTIC_TYPE");
    for (int i = 0; i < typeNodes.getLength(); i++) {
      types.add(((Element) typeNodes.item(i)).getAttribute("LINGUISTIC_TYPE_ID"));
    }
    java.util.Map<String, List<String[]>> tiers = new java.util.LinkedHashMap<>();
    NodeList tierNodes = root.getElementsByTagName("TIER");
    for (int i = 0; i < tierNodes.getLength(); i++) {
      Element tier = (Element) tierNodes.item(i);
      assertThat(types).contains(tier.getAttribute("LINGUISTIC_TYPE_REF"));
      List<String[]> annotations = new ArrayList<>();
      NodeList aligned = tier.getElementsByTagName("ALIGNABLE_ANNOTATION");
      for (int k = 0; k < aligned.getLength(); k++) {
        Element a = (Element) aligned.item(k);
        annotations.add(
            new String[] {
              Long.toString(slots.get(a.getAttribute("TIME_SLOT_REF1"))),
              Long.toString(slots.get(a.getAttribute("TIME_SLOT_REF2"))),
              a.getElementsByTagName("ANNOTATION_VALUE").item(0).getTextContent()
            });
      }
      tiers.put(tier.getAttribute("TIER_ID"), annotations);
    }
    assertThat(tiers.keySet()).containsExactly("face", "voice", "text", "fused", "transcript");

    // Expected, from the windows themselves: window i covers [start_i, start_i+1) in ms.
    List<AffectWindow> windows = session.windows();
    for (Modality m : Modality.values()) {
      List<String[]> expected = new ArrayList<>();
      for (int i = 0; i < windows.size(); i++) {
        AffectEstimate e = windows.get(i).estimate(m);
        if (!e.isPresent()) {
          continue;
        }
        String value =
            e.hasEmotions()
                ? e.emotions().top().label()
                : String.format(java.util.Locale.ROOT, "arousal %+.2f", e.arousal());
        expected.add(span(windows, i, value));
      }
      assertThat(tiers.get(m.label())).as(m.label()).usingRecursiveComparison().isEqualTo(expected);
    }
    List<String[]> fused = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      var f = windows.get(i).fused();
      fused.add(
          span(
              windows,
              i,
              f.hasEmotions()
                  ? f.emotions().top().label()
                  : String.format(java.util.Locale.ROOT, "arousal %+.2f", f.arousal())));
    }
    assertThat(tiers.get("fused")).usingRecursiveComparison().isEqualTo(fused);
    List<String[]> transcript = new ArrayList<>();
    for (var u : session.transcript()) {
      transcript.add(
          new String[] {
            Long.toString(Math.round(u.startSeconds() * 1000)),
            Long.toString(Math.round(u.endSeconds() * 1000)),
            u.text()
          });
    }
    assertThat(tiers.get("transcript")).usingRecursiveComparison().isEqualTo(transcript);
  }

  @Test
  void eafOfATextOnlySessionHasNoMediaDescriptor() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ElanEaf.write(SampleSession.textOnly(), out);
    String xml = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(xml).contains("<HEADER").doesNotContain("MEDIA_DESCRIPTOR");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void jsonValidatesAgainstThePublishedSchema(boolean textOnly) throws Exception {
    SessionResult result = textOnly ? SampleSession.textOnly() : session;
    JsonNode json = SessionJson.toTree(7, result);
    assertThat(validate(json)).isEmpty();
  }

  @Test
  void schemaRejectsAWindowWithoutItsFusedReading() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode json = SessionJson.toTree(7, session);
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("windows").get(0)).remove("fused");
    assertThat(validate(json)).anySatisfy(m -> assertThat(m).contains("fused"));
  }

  @Test
  void theSchemaInTheJarIsTheOnePublishedInDocs() throws Exception {
    Path docs = Path.of(System.getProperty("sentio.root.dir", "..")).resolve("docs/schemas");
    try (InputStream in = SessionJson.class.getResourceAsStream(SessionJson.SCHEMA_RESOURCE)) {
      assertThat(in).as("schema in the jar").isNotNull();
      assertThat(in.readAllBytes())
          .isEqualTo(Files.readAllBytes(docs.resolve("sentio-session-1.schema.json")));
    }
  }

  static List<String> validate(JsonNode json) throws Exception {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    try (InputStream in = SessionJson.class.getResourceAsStream(SessionJson.SCHEMA_RESOURCE)) {
      Schema schema = registry.getSchema(new ObjectMapper().readTree(in));
      return schema.validate(json).stream().map(Error::toString).toList();
    }
  }

  private static String[] span(List<AffectWindow> windows, int i, String value) {
    double end =
        i + 1 < windows.size() ? windows.get(i + 1).startSeconds() : windows.get(i).endSeconds();
    return new String[] {
      Long.toString(Math.round(windows.get(i).startSeconds() * 1000)),
      Long.toString(Math.round(end * 1000)),
      value
    };
  }

  private static void assertSameNumber(double got, double want) {
    assertSameNumber(got, want, 1e-6);
  }

  private static void assertSameNumber(double got, double want, double tolerance) {
    if (Double.isNaN(want)) {
      assertThat(got).isNaN();
    } else {
      assertThat(got).isCloseTo(want, within(tolerance));
    }
  }
}
