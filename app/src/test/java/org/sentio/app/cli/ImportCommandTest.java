package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.Sentio;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoredSession;
import org.sentio.reports.SessionJson;

/** {@code sentio import} over a results folder as the Spark archive job writes it. */
class ImportCommandTest {
  private static final String KEY_A = "ab12cd34ef56" + "0".repeat(52);
  private static final String KEY_B = "ff00ee11dd22" + "1".repeat(52);

  @TempDir Path dir;

  @Test
  void importsChosenSessionsOnceWithTheirTags() throws Exception {
    Path out = dir.resolve("out");
    SessionResult call = SampleSessions.sample("Refund call", 6);
    writeResult(out, KEY_A, call, "contact-centre");
    writeResult(out, KEY_B, SampleSessions.sample("Voice note", 4), "ward-3");
    Path data = dir.resolve("data");

    assertThat(run("import", out.toString(), "--key", "ab12", "--data-dir", data.toString()))
        .isZero();
    assertThat(run("import", out.toString(), "--data-dir", data.toString())).isZero();

    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().list()).hasSize(2);
      long id =
          store.sessions().list().stream()
              .filter(s -> s.title().equals("Refund call"))
              .findFirst()
              .orElseThrow()
              .id();
      assertThat(store.tags().list(id)).containsExactly("archive-ab12cd34ef56", "contact-centre");
      StoredSession stored = store.sessions().load(id).orElseThrow();
      assertThat(stored.result().windows()).isEqualTo(call.windows());
      assertThat(stored.result().transcript()).isEqualTo(call.transcript());
    }
  }

  @Test
  void aFolderWithoutResultsIsBadInputNamingIt() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Sentio.run(
            new String[] {
              "import", dir.resolve("nothing").toString(), "--data-dir", dir.toString()
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("nothing: no such folder; give the --out folder of a cluster run");
  }

  private static int run(String... args) {
    return Sentio.run(args, System.out, System.err);
  }

  private static void writeResult(Path out, String key, SessionResult session, String tag)
      throws Exception {
    ObjectNode root = SessionJson.toTree(0, session);
    ObjectNode archive = root.putObject("archive");
    archive.put("contentKey", key);
    archive.put("source", "hdfs:///archive/" + session.title() + ".mp4");
    archive.putArray("tags").add(tag);
    Path file = out.resolve("results").resolve(key.substring(0, 2)).resolve(key + ".json");
    Files.createDirectories(file.getParent());
    new ObjectMapper().writeValue(file.toFile(), root);
  }
}
