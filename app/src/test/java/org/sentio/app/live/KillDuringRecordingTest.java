package org.sentio.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;
import org.sentio.capture.media.StreamSummary;

/**
 * SIGKILL during a live recording from the virtual camera, at seeded random moments, several times
 * on one store: after each kill the store passes {@code PRAGMA integrity_check}, it holds every
 * window analysed before the kill, the Matroska file plays to within 2 s of it, and the half-done
 * session is marked failed by the next start ({@link InterruptedRecordings#settle}), never shown as
 * finished. {@code -Dsentio.kill.count=N -Dsentio.kill.seed=S} for more kills.
 */
class KillDuringRecordingTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath();
  private static final double LONGEST_RECORDING = 8.0;

  @TempDir Path data;

  @Test
  void killedRecordingsKeepAnIntactStoreTheirLastTwoSecondsAndAreMarkedFailed() throws Exception {
    int kills = Integer.getInteger("sentio.kill.count", 2);
    long seed = Long.getLong("sentio.kill.seed", 20261202L);
    Random random = new Random(seed);
    List<Long> killed = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      double target = 0.3 + random.nextDouble() * (LONGEST_RECORDING - 0.3);
      Killed run = recordAndKill(target);
      System.out.printf(
          Locale.ROOT,
          "KILL live recording %d/%d (seed %d): aimed at %.2f s, killed at %.2f s%n",
          k + 1,
          kills,
          seed,
          target,
          run.at);

      assertThat(integrity()).as("PRAGMA integrity_check after kill %d", k + 1).isEqualTo("ok");
      long id;
      List<AffectWindow> windows;
      try (SessionStore store = SessionStore.open(data)) {
        LibraryEntry entry =
            store.sessions().libraryEntries().stream()
                .filter(e -> killed.stream().noneMatch(x -> x == e.id()))
                .findFirst()
                .orElseThrow();
        id = entry.id();
        assertThat(entry.source()).isEqualTo("live");
        assertThat(entry.recording()).as("never finished").isTrue();
        windows = store.sessions().load(id).orElseThrow().result().windows();

        assertThat(InterruptedRecordings.settle(store)).containsExactly(id);
        SessionSummary settled = store.sessions().summary(id).orElseThrow();
        assertThat(settled.status()).isEqualTo("failed");
        assertThat(settled.failure()).startsWith("the recording was interrupted");
        assertThat(store.sessions().libraryEntries().stream().filter(e -> e.id() == id).findFirst())
            .hasValueSatisfying(e -> assertThat(e.recording()).isFalse());
        assertThat(store.sessions().load(id).orElseThrow().result().windows())
            .hasSameSizeAs(windows);
        assertThat(InterruptedRecordings.settle(store)).as("settled once").isEmpty();
      }
      killed.add(id);
      double storedUntil = windows.isEmpty() ? 0 : windows.get(windows.size() - 1).endSeconds();
      System.out.printf(
          Locale.ROOT,
          "KILL live recording %d: %d windows stored up to %.2f s, the last analysed before the"
              + " kill ended at %.2f s (analysis %.2f s behind the recording)%n",
          k + 1,
          windows.size(),
          storedUntil,
          run.analysedUntil,
          run.at - storedUntil);
      // Every window the child had analysed (it prints them after storing them) is kept; the
      // analysis may run behind the camera on a loaded machine, and the file keeps that part.
      assertThat(storedUntil).as("windows stored up to").isGreaterThanOrEqualTo(run.analysedUntil);

      assertThat(run.file).isNotNull();
      if (run.at < 2.0) {
        // Losing at most the last 2 s allows losing all of a shorter recording: the Matroska
        // header may not even be on disk yet.
        continue;
      }
      long[] frames = {0};
      StreamSummary summary;
      try (MediaSource source = MediaSource.open(run.file, CaptureOptions.defaults())) {
        summary =
            source.stream(
                new MediaListener() {
                  @Override
                  public void onVideoFrame(org.sentio.capture.media.VideoFrame frame) {
                    frames[0]++;
                  }
                },
                () -> false);
      }
      assertThat(summary.decodedUntilSeconds())
          .as("playable recording")
          .isGreaterThanOrEqualTo(run.at - 2.0);
      assertThat(frames[0]).isGreaterThanOrEqualTo((long) ((run.at - 2.0) * 5));
    }
    try (SessionStore store = SessionStore.open(data)) {
      assertThat(store.sessions().libraryEntries())
          .hasSize(kills)
          .allSatisfy(e -> assertThat(e.summary().status()).isEqualTo("failed"));
    }
  }

  private record Killed(double at, Path file, double analysedUntil) {}

  /** Starts a child that records, and kills it once it has recorded {@code seconds}. */
  private Killed recordAndKill(double seconds) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Dsentio.home=" + ROOT,
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            LiveRecordingChild.class.getName(),
            data.toString(),
            ROOT.resolve("resources/demo/demo.mp4").toString());
    builder.redirectErrorStream(true);
    Process child = builder.start();
    List<String> output = new ArrayList<>();
    double killedAt = -1;
    double analysedUntil = 0;
    Path file = null;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
      String line;
      while (System.nanoTime() < deadline && (line = lines.readLine()) != null) {
        output.add(line);
        if (line.startsWith("recording ")) {
          file = Path.of(line.split(" ", 3)[2]);
        }
        if (line.startsWith("windows ")) {
          analysedUntil = Double.parseDouble(line.substring(8));
        }
        if (line.startsWith("at ")) {
          double at = Double.parseDouble(line.substring(3));
          if (at >= seconds) {
            killedAt = at;
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(killedAt)
        .as("recording reached %s s; output %s", seconds, tail(output))
        .isPositive();
    return new Killed(killedAt, file, analysedUntil);
  }

  private String integrity() throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      return rs.next() ? rs.getString(1) : "no answer";
    }
  }

  private static List<String> tail(List<String> lines) {
    return lines.subList(Math.max(0, lines.size() - 15), lines.size());
  }
}
