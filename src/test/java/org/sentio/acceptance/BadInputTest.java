package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;

/**
 * Bad input of every kind exits 2 with one line naming the file and the problem, never a stack
 * trace, and leaves the sessions already stored as they were: after each bad input the store is
 * read in this JVM (a second {@code sentio} launch per case would double the class's time), and
 * after all of them {@code sentio sessions list} prints what it printed before.
 */
class BadInputTest {
  @TempDir static Path work;
  private static Path data;
  private static String sessionsBefore;
  private static List<SessionSummary> storedBefore;

  @BeforeAll
  static void storeOneGoodSession() throws Exception {
    data = work.resolve("data");
    Cli.Result good =
        Cli.run(
            data,
            work,
            "analyze",
            "--quiet",
            "--text",
            "thank you, that is great",
            "--out",
            work.resolve("good").toString());
    assertThat(good.exitCode()).as(good.stderr()).isZero();
    sessionsBefore = Cli.run(data, work, "sessions", "list").stdout();
    storedBefore = stored();
    assertThat(storedBefore).hasSize(1);

    Files.createFile(work.resolve("empty.mp4"));
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    Files.write(work.resolve("noise.mp4"), noise);
    Files.write(work.resolve("noise.wav"), noise);
    Files.writeString(
        work.resolve("notes.mp4"), "Meeting notes\nCall the customer back on Monday.\n");
    Files.writeString(
        work.resolve("broken.srt"),
        "1\n00:00:01,000 --> 00:00:0x,500\nHello there\n\n",
        StandardCharsets.UTF_8);
    byte[] binary = new byte[512];
    new Random(3).nextBytes(binary);
    binary[10] = 0;
    Files.write(work.resolve("binary.srt"), binary);
    Files.writeString(work.resolve("a-file"), "not a folder");
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("a missing file", new String[] {"analyze", "missing.mp4"}, "missing.mp4"),
        Arguments.of("a zero-byte file", new String[] {"analyze", "empty.mp4"}, "empty.mp4"),
        Arguments.of("random bytes named .mp4", new String[] {"analyze", "noise.mp4"}, "noise.mp4"),
        Arguments.of("random bytes named .wav", new String[] {"analyze", "noise.wav"}, "noise.wav"),
        Arguments.of(
            "a text file renamed .mp4", new String[] {"analyze", "notes.mp4"}, "notes.mp4"),
        Arguments.of(
            "an SRT with a broken timestamp",
            new String[] {"analyze", Cli.demoVideo().toString(), "--transcript", "broken.srt"},
            "broken.srt"),
        Arguments.of(
            "an SRT with binary content",
            new String[] {"analyze", Cli.demoVideo().toString(), "--transcript", "binary.srt"},
            "binary.srt"),
        Arguments.of(
            "an --out that is a file",
            new String[] {"analyze", "--text", "fine", "--out", "a-file/results"},
            "a-file"),
        Arguments.of(
            "an unknown format",
            new String[] {"analyze", "--text", "fine", "--format", "pdf"},
            "pdf"),
        Arguments.of(
            "a zero analysis rate",
            new String[] {"analyze", "--text", "fine", "--fps", "0"},
            "analysis rate"),
        Arguments.of(
            "an unknown device",
            new String[] {"analyze", "--text", "fine", "--device", "tpu"},
            "tpu"),
        Arguments.of("an unknown session", new String[] {"sessions", "show", "999"}, "999"),
        Arguments.of(
            "a fusion benchmark JSON in a missing folder",
            new String[] {"bench-fusion", "--json", "no-such-folder/bench.json"},
            "no-such-folder"),
        Arguments.of("an unknown option", new String[] {"analyze", "--colour", "red"}, "--colour"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void exitsTwoWithOneLineAndKeepsStoredSessions(String what, String[] args, String named)
      throws Exception {
    Cli.Result result = Cli.run(data, work, args);

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    assertThat(result.stderr()).contains(named).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(result.stderrLines().stream().filter(l -> l.startsWith("sentio: ")).count())
        .as("one line of error")
        .isEqualTo(1);
    assertThat(stored()).as("the sessions stored after %s", what).isEqualTo(storedBefore);
  }

  @AfterAll
  static void theSessionListIsAsBefore() throws Exception {
    assertThat(Cli.run(data, work, "sessions", "list").stdout()).isEqualTo(sessionsBefore);
  }

  private static List<SessionSummary> stored() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      return store.sessions().list();
    }
  }
}
