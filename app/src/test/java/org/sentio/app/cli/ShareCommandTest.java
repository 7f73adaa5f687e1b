package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Embedding;
import org.sentio.affect.Modality;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.Sentio;
import org.sentio.app.store.SessionStore;
import org.sentio.runtime.ModelRegistry;

/**
 * {@code sentio share} on a real analysis of the demo recording with a transcript full of personal
 * data: the copy's files hold none of it, the video has the face hidden and the voice's sound, the
 * manifest counts what was removed, and bad input is one line with exit 2.
 */
class ShareCommandTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath();
  private static final Path DEMO = ROOT.resolve("resources/demo/demo.mp4");
  private static final String TRANSCRIPT =
      """
      1
      00:00:00,500 --> 00:00:04,049
      Hello, my name is Sarah Thompson, call me on (415) 555-0132.

      2
      00:00:04,649 --> 00:00:08,262
      The card was 4111 1111 1111 1111 and I live at 742 Evergreen Terrace.

      3
      00:00:08,862 --> 00:00:12,974
      我叫王晓明，手机13812345678，邮箱zhangwei1988@163.com。

      4
      00:00:13,574 --> 00:00:16,517
      Thank you again, and have a great day!
      """;

  @TempDir Path dir;

  @Test
  void theSharedCopyHoldsNoneOfThePersonalDataAndSaysWhatWasRemoved() throws Exception {
    Path data = dir.resolve("data");
    Path srt = dir.resolve("Sarah Thompson call.srt");
    Files.writeString(srt, TRANSCRIPT);
    Output analysed =
        run(
            "analyze",
            DEMO.toString(),
            "--transcript",
            srt.toString(),
            "--title",
            "Sarah Thompson complaint",
            "--data-dir",
            data.toString(),
            "--out",
            dir.resolve("analysis").toString(),
            "--quiet");
    assertThat(analysed.code).as(analysed.err).isZero();

    Path out = dir.resolve("shared");
    Output shared = run("share", "1", "--out", out.toString(), "--data-dir", data.toString());
    assertThat(shared.code).as(shared.err).isZero();
    assertThat(shared.out).contains("Removed: 7 spans of personal data");

    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.filter(f -> !f.toString().endsWith(".mp4")).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String personal :
            new String[] {
              "Sarah",
              "Thompson",
              "555-0132",
              "4111",
              "Evergreen",
              "王晓明",
              "13812345678",
              "zhangwei1988",
              "demo.mp4"
            }) {
          assertThat(text).as("%s in %s", personal, file.getFileName()).doesNotContain(personal);
        }
      }
    }
    String sessionJson;
    try (Stream<Path> files = Files.list(out)) {
      sessionJson =
          Files.readString(
              files
                  .filter(f -> f.toString().endsWith(".json") && !f.endsWith("manifest.json"))
                  .findFirst()
                  .orElseThrow());
    }
    assertThat(sessionJson).contains("[NAME]", "[PHONE]", "[CARD]", "[ADDRESS]", "[EMAIL]");

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("format").asText()).isEqualTo("sentio-deidentified/1");
    JsonNode redacted = manifest.path("transcript").path("redacted");
    assertThat(redacted.path("name").asInt()).isEqualTo(2);
    assertThat(redacted.path("phone").asInt()).isEqualTo(2);
    assertThat(redacted.path("card").asInt()).isEqualTo(1);
    assertThat(redacted.path("address").asInt()).isEqualTo(1);
    assertThat(redacted.path("email").asInt()).isEqualTo(1);
    assertThat(manifest.path("transcript").path("spans")).hasSize(7);
    assertThat(manifest.path("video").path("framesWithNoFaceFound").asInt()).isZero();
    assertThat(manifest.path("video").path("frames").asInt()).isGreaterThan(400);
    assertThat(manifest.path("voice").path("treatment").asText()).isEqualTo("shift");

    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.resolve("media.mp4").toFile())) {
      g.start();
      assertThat(g.hasVideo()).isTrue();
      assertThat(g.hasAudio()).isTrue();
      assertThat(g.getLengthInTime() / 1e6).isBetween(16.5, 17.5);
    }

    // ADR 0059: the store keeps each window's voice and text embeddings; the shared copy carries
    // none; deleting the session deletes them.
    assertThat(sessionJson).doesNotContain("\"embedding");
    boolean faceModelEmbeds =
        new ModelRegistry(ROOT.resolve("resources/models"), "rebuild Sentio")
            .find(ExpressionClassifier.DEFAULT).manifest().outputs().stream()
                .anyMatch(output -> output.name().equals(ExpressionClassifier.EMBEDDING));
    try (SessionStore store = SessionStore.open(data)) {
      SessionResult stored = store.sessions().load(1).orElseThrow().result();
      Map<Integer, Map<Modality, Embedding>> embeddings = store.embeddings().load(1);
      Set<String> textModels = new TreeSet<>();
      int voiced = 0;
      for (AffectWindow window : stored.windows()) {
        Map<Modality, Embedding> kept = embeddings.getOrDefault(window.index(), Map.of());
        assertThat(kept.containsKey(Modality.FACE))
            .as("window %d face", window.index())
            .isEqualTo(faceModelEmbeds && window.estimate(Modality.FACE).isPresent());
        assertThat(kept.containsKey(Modality.VOICE))
            .as("window %d voice", window.index())
            .isEqualTo(window.estimate(Modality.VOICE).isPresent());
        assertThat(kept.containsKey(Modality.TEXT))
            .as("window %d text", window.index())
            .isEqualTo(window.estimate(Modality.TEXT).isPresent());
        if (kept.containsKey(Modality.VOICE)) {
          voiced++;
          assertThat(kept.get(Modality.VOICE).model()).isEqualTo("voice-affect");
          assertThat(kept.get(Modality.VOICE).size()).isEqualTo(64);
        }
        if (kept.containsKey(Modality.TEXT)) {
          textModels.add(kept.get(Modality.TEXT).model());
          assertThat(kept.get(Modality.TEXT).size()).isEqualTo(384);
        }
      }
      assertThat(voiced).isGreaterThan(10);
      assertThat(textModels).containsExactly("text-affect-en-bge", "text-affect-zh-bge");
    }
    Output deleted = run("sessions", "delete", "1", "--data-dir", data.toString());
    assertThat(deleted.code).as(deleted.err).isZero();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
        ResultSet rows =
            c.createStatement().executeQuery("SELECT COUNT(*) FROM window_embedding")) {
      assertThat(rows.getInt(1)).isZero();
    }
  }

  @Test
  void badInputIsOneLineWithExitTwo() throws Exception {
    Path data = dir.resolve("data");
    Output missing =
        run("share", "7", "--out", dir.resolve("o").toString(), "--data-dir", data.toString());
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.err.strip()).doesNotContain("\n").contains("7");

    Output faces = run("share", "1", "--faces", "pixelate", "--data-dir", data.toString());
    assertThat(faces.code).isEqualTo(2);
    assertThat(faces.err.strip())
        .isEqualTo("sentio: --faces: 'pixelate' is not one of blur, landmarks");
  }

  @Test
  void aSessionWhoseMediaWasMovedIsRefusedAndTheTextAloneCanStillBeShared() throws Exception {
    Path data = dir.resolve("data");
    Path media = dir.resolve("call.mp4");
    Files.copy(DEMO, media);
    Output analysed =
        run(
            "analyze",
            media.toString(),
            "--transcript",
            ROOT.resolve("resources/demo/demo.srt").toString(),
            "--data-dir",
            data.toString(),
            "--out",
            dir.resolve("analysis").toString(),
            "--quiet");
    assertThat(analysed.code).as(analysed.err).isZero();
    Files.delete(media);

    Output refused =
        run("share", "1", "--out", dir.resolve("a").toString(), "--data-dir", data.toString());
    assertThat(refused.code).isEqualTo(2);
    assertThat(refused.err.strip())
        .isEqualTo(
            "sentio: "
                + media
                + ": the session's media is no longer there; move it back, or share without it"
                + " with --no-media");

    Path out = dir.resolve("b");
    Output textOnly =
        run("share", "1", "--no-media", "--out", out.toString(), "--data-dir", data.toString());
    assertThat(textOnly.code).as(textOnly.err).isZero();
    assertThat(out.resolve("media.mp4")).doesNotExist();
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("video").path("why").asText()).isEqualTo("not written (--no-media)");
  }

  private record Output(int code, String out, String err) {}

  private static Output run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setOut(captured);
    try {
      int code = Sentio.run(args, captured, new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Output(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previous);
    }
  }
}
