package org.sentio.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.store.SessionStore;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;
import org.sentio.capture.media.StreamSummary;

/**
 * SIGKILL during a live recording: the Matroska file still plays, and the store holds the windows
 * up to at most 2 s before the kill.
 */
class KillDuringRecordingTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath();
  private static final double RECORD_SECONDS = 6.0;

  @TempDir Path data;

  @Test
  void aKilledRecordingLeavesAPlayableFileAndTheWindowsUpToTwoSecondsBeforeTheKill()
      throws Exception {
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
        if (line.startsWith("at ")) {
          double at = Double.parseDouble(line.substring(3));
          if (at >= RECORD_SECONDS) {
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
        .as("recording reached %s s; output %s", RECORD_SECONDS, tail(output))
        .isPositive();

    List<AffectWindow> windows;
    try (SessionStore store = SessionStore.open(data)) {
      LibraryEntry entry = store.libraryEntries().get(0);
      assertThat(entry.source()).isEqualTo("live");
      assertThat(entry.recording()).as("never finished").isTrue();
      windows = store.load(entry.id()).orElseThrow().result().windows();
    }
    assertThat(windows).isNotEmpty();
    double lastEnd = windows.get(windows.size() - 1).endSeconds();
    assertThat(lastEnd).as("windows stored up to").isGreaterThanOrEqualTo(killedAt - 2.0);

    assertThat(file).isNotNull();
    long[] frames = {0};
    StreamSummary summary;
    try (MediaSource source = MediaSource.open(file, CaptureOptions.defaults())) {
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
        .isGreaterThanOrEqualTo(killedAt - 2.0);
    assertThat(frames[0]).isGreaterThan((long) ((killedAt - 2.0) * 5));
  }

  private static List<String> tail(List<String> lines) {
    return lines.subList(Math.max(0, lines.size() - 15), lines.size());
  }
}
