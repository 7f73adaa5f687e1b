package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.live.LatencyStats;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.ui.live.LiveViewModel;

/**
 * The live page on the virtual camera (the demo video): face boxes on the preview, a recording that
 * appears in the library, and the capture-to-screen latency benchmark. {@code
 * -Dsentio.live.camera=FILE} plays another recording instead (scripts/bench.sh's goal 4 gives it a
 * 720p one).
 */
class LiveFlowTest {
  private static final double BENCH_SECONDS = 5;
  private static final String CAMERA_PROPERTY = "sentio.live.camera";

  @TempDir Path data;

  @Test
  void theVirtualCameraShowsFaceBoxesAndARecordingAppearsInTheLibrary() throws Exception {
    String cameraProperty = System.getProperty(CAMERA_PROPERTY, "");
    Path camera = cameraProperty.isBlank() ? DesktopHarness.DEMO : Path.of(cameraProperty);
    try (DesktopHarness app = DesktopHarness.open(data, camera)) {
      app.robot.clickOn("#nav-live");
      app.robot.clickOn("#live-start");
      LiveViewModel live = app.window.live();
      javafx.scene.control.ComboBox<String> microphone =
          app.robot.lookup("#live-microphone").query();
      assertThat(microphone.getItems()).startsWith("virtual", "none");
      assertThat(app.robot.lookup("#live-no-microphone").queryAs(Label.class).isVisible())
          .isEqualTo(!live.microphonePresent());
      DesktopHarness.await(
          90,
          "a face on the virtual camera",
          () -> live.latestFaces() != null && !live.latestFaces().faces().isEmpty());
      Label faces = app.robot.lookup("#live-faces").queryAs(Label.class);
      DesktopHarness.await(5, "the face count", () -> faces.getText().equals("Faces: 1"));

      // benchmark: capture-to-screen latency and frames shown per second while previewing
      Thread.sleep((long) (BENCH_SECONDS * 1000));
      LatencyStats stats = live.latency();
      // on a loaded machine the preview may have shown fewer pictures in that time: wait for them
      DesktopHarness.await(60, "more than 10 pictures shown", () -> stats.count() > 10);
      System.out.printf(
          Locale.ROOT,
          "BENCHMARK live capture-to-screen (virtual camera, %s): p50 %.1f ms, p95 %.1f ms,"
              + " %.1f frames/s over %d frames%n",
          camera.getFileName(),
          stats.percentileMillis(0.5),
          stats.percentileMillis(0.95),
          stats.framesPerSecond(),
          stats.count());
      assertThat(stats.count()).isGreaterThan(10);

      app.robot.clickOn("#live-record");
      DesktopHarness.await(
          10,
          "recording",
          () ->
              live.stateProperty().get() == LiveViewModel.State.RECORDING
                  && live.recordingIdProperty().get() > 0);
      DesktopHarness.await(60, "windows of the recording", () -> live.rollingWindows().size() >= 4);
      app.robot.clickOn("#live-record");
      DesktopHarness.await(
          30,
          "the recording to finish",
          () -> live.stateProperty().get() == LiveViewModel.State.PREVIEW);
      long id = live.recordingIdProperty().get();
      LibraryEntry entry =
          app.context.store().sessions().libraryEntries().stream()
              .filter(e -> e.id() == id)
              .findFirst()
              .orElseThrow();
      assertThat(entry.source()).isEqualTo("live");
      assertThat(entry.recording()).isFalse();
      assertThat(entry.summary().windows()).isGreaterThanOrEqualTo(4);

      app.robot.clickOn("#live-start"); // stop the preview
      app.robot.clickOn("#nav-library");
      TableView<LibraryEntry> table = app.robot.lookup("#library-table").queryTableView();
      DesktopHarness.await(
          10,
          "the live session in the library",
          () -> table.getItems().stream().anyMatch(e -> e.id() == id));
    }
  }
}
