package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.capture.transcript.Transcript;
import org.sentio.capture.transcript.TranscriptReader;
import org.sentio.reports.EmotionCue;
import org.sentio.reports.EmotionVtt;
import org.sentio.reports.WindowCsv;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code sentio report} and {@code sentio export} on the demo session: the PDF read by poppler,
 * every export read back and compared with the session's JSON, and bad input refused with exit 2.
 */
class ReportsAndExportsTest {
  @TempDir static Path work;
  private static Path data;
  private static Path out;
  private static JsonNode session;

  @BeforeAll
  static void analyseTheDemoAndExportIt() throws Exception {
    data = work.resolve("data");
    out = work.resolve("out");
    Cli.Result analysis =
        Cli.run(
            data,
            work,
            "analyze",
            Cli.demoVideo().toString(),
            "--transcript",
            Cli.demoTranscript().toString(),
            "--title",
            "Demo call",
            "--out",
            work.resolve("analysis").toString());
    assertThat(analysis.exitCode()).as(analysis.stderr()).isZero();
    Cli.Result export = Cli.run(data, work, "export", "1", "--out", out.toString());
    assertThat(export.exitCode()).as(export.stderr()).isZero();
    assertThat(export.stdout()).contains("demo-call-1.csv").contains("demo-call-1.eaf");
    session = new ObjectMapper().readTree(out.resolve("demo-call-1.json").toFile());
  }

  @Test
  void pdfReportNamesTheSessionAndItsDominantEmotionAndRenders() throws Exception {
    Cli.Result report =
        Cli.run(data, work, "report", "1", "--format", "pdf", "--out", out.toString());
    assertThat(report.exitCode()).as(report.stderr()).isZero();
    Path pdf = out.resolve("demo-call-1.pdf");
    String text = tool("pdftotext", "-enc", "UTF-8", pdf.toString(), "-");
    assertThat(text).contains("Demo call").contains("Dominant emotions (fused)").contains("happy:");
    assertThat(text).doesNotContain("not a diagnosis");
    Path pages = work.resolve("pages");
    Files.createDirectories(pages);
    tool("pdftoppm", "-r", "30", "-png", pdf.toString(), pages.resolve("p").toString());
    try (Stream<Path> pngs = Files.list(pages)) {
      assertThat(pngs.count()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void clinicalChineseReportCarriesTheDisclaimer() throws Exception {
    Cli.Result report =
        Cli.run(
            data,
            work,
            "report",
            "1",
            "--format",
            "pdf,html",
            "--lang",
            "zh-CN",
            "--clinical",
            "--out",
            out.toString());
    assertThat(report.exitCode()).as(report.stderr()).isZero();
    String text =
        tool("pdftotext", "-enc", "UTF-8", out.resolve("demo-call-1.zh-CN.pdf").toString(), "-");
    assertThat(text).contains("Demo call").contains("辅助决策——并非诊断").contains("高兴");
    assertThat(Files.readString(out.resolve("demo-call-1.zh-CN.html")))
        .contains("<html lang=\"zh-CN\">")
        .contains("辅助决策——并非诊断");
  }

  @Test
  void jsonValidatesAgainstThePublishedSchema() throws Exception {
    Path schemaFile = Cli.root().resolve("docs/schemas/sentio-session-1.schema.json");
    var schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(new ObjectMapper().readTree(schemaFile.toFile()));
    List<Error> errors = schema.validate(session);
    assertThat(errors).isEmpty();
  }

  @Test
  void csvReadsBackAsTheSessionsWindows() throws Exception {
    List<AffectWindow> windows;
    try (Reader in = Files.newBufferedReader(out.resolve("demo-call-1.csv"))) {
      windows = WindowCsv.read(in);
    }
    JsonNode json = session.get("windows");
    assertThat(windows).hasSize(json.size());
    for (int i = 0; i < windows.size(); i++) {
      AffectWindow w = windows.get(i);
      JsonNode j = json.get(i);
      assertThat(w.startSeconds()).isCloseTo(j.get("start").asDouble(), within(1e-6));
      for (Modality m : Modality.values()) {
        JsonNode e = j.get("modalities").get(m.label());
        assertThat(w.estimate(m).isPresent()).isEqualTo(e.get("present").asBoolean());
        if (e.get("present").asBoolean()) {
          assertThat(w.estimate(m).confidence())
              .isCloseTo(e.get("confidence").asDouble(), within(1e-6));
        }
      }
      JsonNode fused = j.get("fused");
      if (!fused.get("top").isNull()) {
        assertThat(w.fused().emotions().top().label()).isEqualTo(fused.get("top").asText());
      }
    }
  }

  @Test
  void vttReadsBackThroughBothOfSentiosReaders() throws Exception {
    Path vtt = out.resolve("demo-call-1.vtt");
    List<EmotionCue> cues;
    try (Reader in = Files.newBufferedReader(vtt)) {
      cues = EmotionVtt.read(in);
    }
    assertThat(cues).isNotEmpty();
    assertThat(cues.get(0).emotion().label())
        .isEqualTo(session.at("/windows/0/fused/top").asText());
    Transcript transcript = TranscriptReader.read(vtt);
    assertThat(transcript.segments()).hasSameSizeAs(cues);
    for (int i = 0; i < cues.size(); i++) {
      assertThat(transcript.segments().get(i).start())
          .isCloseTo(cues.get(i).startSeconds(), within(1e-9));
      assertThat(transcript.segments().get(i).end())
          .isCloseTo(cues.get(i).endSeconds(), within(1e-9));
      assertThat(transcript.segments().get(i).text()).startsWith(cues.get(i).emotion().label());
    }
  }

  @Test
  void eafHasOneTierPerModalityAndFusedWithEveryWindowsReading() throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(out.resolve("demo-call-1.eaf").toFile());
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("ANNOTATION_DOCUMENT");
    assertThat(root.getAttribute("VERSION")).isEqualTo("3.0");
    assertThat(root.getElementsByTagName("HEADER").getLength()).isEqualTo(1);
    assertThat(root.getElementsByTagName("MEDIA_DESCRIPTOR").getLength()).isEqualTo(1);
    assertThat(root.getElementsByTagName("TIME_ORDER").getLength()).isEqualTo(1);
    assertThat(root.getElementsByTagName("LINGUISTIC_TYPE").getLength()).isPositive();
    Map<String, Long> slots = new HashMap<>();
    NodeList slotNodes = root.getElementsByTagName("TIME_SLOT");
    for (int i = 0; i < slotNodes.getLength(); i++) {
      Element s = (Element) slotNodes.item(i);
      slots.put(s.getAttribute("TIME_SLOT_ID"), Long.parseLong(s.getAttribute("TIME_VALUE")));
    }
    JsonNode windows = session.get("windows");
    for (String tierId : List.of("face", "voice", "text", "fused")) {
      Element tier = tier(root, tierId);
      List<String> got = new ArrayList<>();
      NodeList annotations = tier.getElementsByTagName("ALIGNABLE_ANNOTATION");
      for (int k = 0; k < annotations.getLength(); k++) {
        Element a = (Element) annotations.item(k);
        got.add(
            slots.get(a.getAttribute("TIME_SLOT_REF1"))
                + " "
                + a.getElementsByTagName("ANNOTATION_VALUE").item(0).getTextContent());
      }
      List<String> want = new ArrayList<>();
      for (JsonNode w : windows) {
        JsonNode e = tierId.equals("fused") ? w.get("fused") : w.at("/modalities/" + tierId);
        String value = value(e, tierId.equals("fused"));
        if (value != null) {
          want.add(Math.round(w.get("start").asDouble() * 1000) + " " + value);
        }
      }
      assertThat(got).as(tierId).isEqualTo(want);
    }
  }

  @Test
  void anUnknownSessionIdIsRefusedWithExitTwo() throws Exception {
    Cli.Result r = Cli.run(data, work, "report", "42", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines())
        .containsExactly("sentio: no session with id 42 (see sentio sessions list)");
  }

  @Test
  void anUnknownFormatIsRefusedWithExitTwo() throws Exception {
    Cli.Result r =
        Cli.run(data, work, "export", "1", "--format", "csv,xlsx", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines())
        .containsExactly("sentio: --format: unknown format 'xlsx': use csv, json, vtt, eaf");
  }

  @Test
  void anUnwritableOutputFolderIsRefusedWithExitTwo() throws Exception {
    Path blocker = work.resolve("a-file");
    Files.writeString(blocker, "not a folder");
    Cli.Result r = Cli.run(data, work, "export", "1", "--out", blocker.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrLines()).hasSize(1);
    assertThat(r.stderr())
        .contains(blocker.toString())
        .contains("choose another folder with --out");
  }

  private static String value(JsonNode e, boolean fused) {
    if (!fused && !e.get("present").asBoolean()) {
      return null;
    }
    if (!e.get("emotions").isNull()) {
      return fused ? e.get("top").asText() : top(e.get("emotions"));
    }
    if (!e.get("arousal").isNull()) {
      return String.format(java.util.Locale.ROOT, "arousal %+.2f", e.get("arousal").asDouble());
    }
    return fused
        ? null
        : String.format(java.util.Locale.ROOT, "valence %+.2f", e.get("valence").asDouble());
  }

  private static String top(JsonNode emotions) {
    String best = null;
    double p = -1;
    for (String label :
        List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised")) {
      if (emotions.get(label).asDouble() > p) {
        p = emotions.get(label).asDouble();
        best = label;
      }
    }
    return best;
  }

  private static Element tier(Element root, String id) {
    NodeList tiers = root.getElementsByTagName("TIER");
    for (int i = 0; i < tiers.getLength(); i++) {
      if (((Element) tiers.item(i)).getAttribute("TIER_ID").equals(id)) {
        return (Element) tiers.item(i);
      }
    }
    throw new AssertionError("no tier " + id);
  }

  private static String tool(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + stderr).isZero();
    return stdout;
  }
}
