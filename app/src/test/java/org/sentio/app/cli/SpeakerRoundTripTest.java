package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StereoCalls;

/**
 * A real two-party stereo call analysed by the whole pipeline, exported as session JSON and brought
 * back with {@code sentio import}: the imported session has the same speakers (roles, channels,
 * face notes), per-speaker readings and transcript, and {@code sessions show} prints the same line
 * per speaker (role, channel, readings, talk time) for both. A document naming a speaker it does
 * not list is refused in one line, exit 2, nothing stored.
 */
class SpeakerRoundTripTest {
  @TempDir static Path work;
  private static Path analysed;
  private static Path exported;
  private static long id;

  @BeforeAll
  static void analyseTheCall() throws Exception {
    Path call = StereoCalls.write(work.resolve("call.wav"));
    analysed = work.resolve("analysed");
    exported = work.resolve("exported");
    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run(
            "analyze",
            "--quiet",
            "--format",
            "json",
            "--out",
            exported.toString(),
            "--data-dir",
            analysed.toString(),
            call.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    try (SessionStore store = SessionStore.open(analysed)) {
      id = store.sessions().list().get(0).id();
    }
  }

  private static SessionResult load(Path data, long session) throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      return store.sessions().load(session).orElseThrow().result();
    }
  }

  /** The lines {@code sessions show} prints for speakers S1 and S2 (their readings). */
  private static List<String> speakerLines(Path data, long session) {
    EvaluateCommandTest.Run show =
        EvaluateCommandTest.run(
            "sessions", "show", String.valueOf(session), "--data-dir", data.toString());
    assertThat(show.exit()).as(show.err()).isZero();
    return show.out().lines().filter(line -> line.matches("  S\\d \\w+ .*voice .*")).toList();
  }

  @Test
  void anExportedCallImportedAgainKeepsItsSpeakersAndTheirReadings() throws Exception {
    Path imported = work.resolve("imported");

    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run("import", exported.toString(), "--data-dir", imported.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    SessionResult original = load(analysed, id);
    long importedId;
    try (SessionStore store = SessionStore.open(imported)) {
      importedId = store.sessions().list().get(0).id();
    }
    SessionResult back = load(imported, importedId);
    assertThat(original.speakers()).hasSize(2);
    assertThat(original.speakers().get(1).channel()).isEqualTo(1);
    assertThat(original.speakers().get(1).faceTrackNote()).startsWith("no video");
    assertThat(back.speakers()).isEqualTo(original.speakers());
    assertThat(original.speakerReadings()).hasSize(2 * original.windows().size());
    assertThat(back.speakerReadings()).isEqualTo(original.speakerReadings());
    assertThat(back.transcript()).isEqualTo(original.transcript());
    assertThat(back.transcriptOrigin()).isEqualTo(original.transcriptOrigin());

    List<String> lines = speakerLines(analysed, id);
    assertThat(lines)
        .hasSize(2)
        .satisfiesExactly(
            s1 ->
                assertThat(s1)
                    .startsWith("  S1 agent (left channel)  voice ")
                    .containsPattern("talked \\d+\\.\\d s in 1 utterance$"),
            s2 ->
                assertThat(s2)
                    .startsWith("  S2 customer (right channel)  voice ")
                    .containsPattern("text [1-9]\\d*/\\d+")
                    .containsPattern("talked \\d+\\.\\d s in 1 utterance$"));
    assertThat(speakerLines(imported, importedId)).isEqualTo(lines);
  }

  @Test
  void twoExportedSessionsInOneFolderAreBothImportedAndOnlyOnce() throws Exception {
    Path json;
    try (Stream<Path> files = Files.list(exported)) {
      json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode second = (ObjectNode) mapper.readTree(json.toFile());
    second.put("title", "the same call, another title");
    Path folder = Files.createDirectories(work.resolve("two"));
    Files.copy(json, folder.resolve("first.json"));
    mapper.writeValue(folder.resolve("second.json").toFile(), second);
    Path data = work.resolve("two-data");

    EvaluateCommandTest.Run first =
        EvaluateCommandTest.run("import", folder.toString(), "--data-dir", data.toString());
    EvaluateCommandTest.Run again =
        EvaluateCommandTest.run("import", folder.toString(), "--data-dir", data.toString());

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("imported 2 sessions");
    assertThat(again.out()).contains("imported 0 sessions, 2 already in the store");
    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().list()).hasSize(2);
    }
  }

  @Test
  void aDocumentNamingAnUnlistedSpeakerIsRefusedAndNothingIsStored() throws Exception {
    Path json;
    try (Stream<Path> files = Files.list(exported)) {
      json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(json.toFile());
    ((ObjectNode) root.get("windows").get(0).get("bySpeaker").get(1)).put("speaker", "S9");
    Path bad = Files.createDirectories(work.resolve("bad"));
    mapper.writeValue(bad.resolve("call.json").toFile(), root);
    Path data = work.resolve("bad-data");

    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run("import", bad.toString(), "--data-dir", data.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("window 0 bySpeaker names speaker S9, which is not in speakers [S1, S2]");
    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().list()).isEmpty();
    }
  }
}
