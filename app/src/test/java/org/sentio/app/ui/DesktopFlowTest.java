package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;
import org.sentio.app.store.Annotation;
import org.sentio.app.ui.library.ImportJob;

/**
 * The acceptance flow on the headless toolkit with the real models: import the demo → progress →
 * review opens → the timeline shows data → seeking moves the inspector → annotate a span → the
 * label is there in a new application instance on the same store.
 */
class DesktopFlowTest {
  @TempDir Path data;

  @Test
  void importReviewAnnotateAndTheLabelSurvivesARestart() throws Exception {
    long sessionId;
    try (DesktopHarness app = DesktopHarness.open(data)) {
      AtomicReference<Double> midProgress = new AtomicReference<>(Double.NaN);
      List<ImportJob>[] jobs = new List[1];
      app.interact(
          () -> {
            jobs[0] = app.window.library().importFiles(List.of(DesktopHarness.DEMO));
            jobs[0]
                .get(0)
                .progressProperty()
                .addListener(
                    (o, a, b) -> {
                      if (b.doubleValue() > 0 && b.doubleValue() < 1) {
                        midProgress.set(b.doubleValue());
                      }
                    });
          });
      DesktopHarness.await(
          20, "a progress bar", () -> !app.robot.lookup(".import-progress").queryAll().isEmpty());
      DesktopHarness.await(
          150,
          "the review of the imported demo",
          () ->
              app.window.page() == MainWindow.Page.REVIEW
                  && app.window.review().windows().size() > 20);
      assertThat(midProgress.get()).isBetween(0.0, 1.0);
      assertThat(jobs[0].get(0).state()).isEqualTo(ImportJob.State.DONE);
      sessionId = app.window.review().sessionProperty().get().id();
      if (!org.sentio.app.ui.review.SystemAudioOutput.deviceAvailable()) {
        // no sound card (as in CI): the review plays silently and says so
        javafx.scene.control.Label note =
            app.robot.lookup("#review-audio-note").queryAs(javafx.scene.control.Label.class);
        DesktopHarness.await(
            10,
            "the no-sound note",
            () -> note.getText().equals("No audio output device: playing without sound"));
        assertThat(note.isVisible()).isTrue();
      }

      Region timeline = app.robot.lookup("#timeline").queryAs(Region.class);
      AtomicReference<Image> shot = new AtomicReference<>();
      app.interact(() -> shot.set(timeline.snapshot(null, null)));
      assertThat(colouredPixels(shot.get())).isGreaterThan(2000);

      Label inspector = app.robot.lookup("#inspector-window").queryAs(Label.class);
      String before = inspector.getText();
      Bounds b = timeline.localToScreen(timeline.getBoundsInLocal());
      double plot = b.getWidth() - 78 - 8;
      app.robot.moveTo(new Point2D(b.getMinX() + 78 + plot * 0.75, b.getMinY() + 30));
      app.robot.press(MouseButton.PRIMARY).release(MouseButton.PRIMARY);
      DesktopHarness.await(5, "the inspector to follow", () -> !inspector.getText().equals(before));
      double duration = app.window.review().durationProperty().get();
      assertThat(app.window.review().positionProperty().get())
          .isCloseTo(duration * 0.75, org.assertj.core.data.Offset.offset(duration * 0.05));

      // select a span by dragging in the annotation lane, label it angry, annotate
      double laneY = b.getMinY() + org.sentio.app.ui.review.TimelineCanvas.annotationLaneY();
      app.robot.moveTo(new Point2D(b.getMinX() + 78 + plot * 0.2, laneY));
      app.robot.press(MouseButton.PRIMARY);
      app.robot.moveTo(new Point2D(b.getMinX() + 78 + plot * 0.4, laneY));
      app.robot.release(MouseButton.PRIMARY);
      assertThat(app.window.review().hasSelection()).isTrue();
      ComboBox<Emotion> label = app.robot.lookup("#annotation-label").queryComboBox();
      app.interact(() -> label.setValue(Emotion.ANGRY));
      app.robot.clickOn("#annotate-button");
      DesktopHarness.await(
          10, "the annotation", () -> app.window.review().annotations().size() == 1);
      Annotation a = app.window.review().annotations().get(0);
      assertThat(a.startSeconds())
          .isCloseTo(duration * 0.2, org.assertj.core.data.Offset.offset(duration * 0.05));
      assertThat(a.endSeconds())
          .isCloseTo(duration * 0.4, org.assertj.core.data.Offset.offset(duration * 0.05));
    }

    try (DesktopHarness again = DesktopHarness.open(data)) {
      again.interact(() -> again.window.openReview(sessionId));
      DesktopHarness.await(
          20,
          "the annotation after restart",
          () -> again.window.review().annotations().size() == 1);
      assertThat(again.window.review().annotations().get(0).label()).isEqualTo("angry");
      ListView<Annotation> list = again.robot.lookup("#annotation-list").queryListView();
      DesktopHarness.await(
          5,
          "the label in the list",
          () ->
              again.robot.lookup("#annotation-list").lookup(".list-cell").queryAll().stream()
                  .anyMatch(
                      n ->
                          n instanceof javafx.scene.control.Labeled l
                              && l.getText() != null
                              && l.getText().contains("Angry")));
      assertThat(list.getItems()).hasSize(1);
    }
  }

  @Test
  void aBadFileShowsTheErrorDialogAndLeavesTheLibraryUnchanged() throws Exception {
    Path bad = Files.writeString(data.resolve("not-a-video.mp4"), "this is not a video");
    try (DesktopHarness app = DesktopHarness.open(data)) {
      DesktopHarness.await(10, "the library", () -> app.window.library() != null);
      int before = app.window.library().entries().size();
      app.interact(() -> app.window.library().importFiles(List.of(bad)));
      DesktopHarness.await(
          60, "the error dialog", () -> !app.robot.lookup("#error-dialog").queryAll().isEmpty());
      javafx.scene.control.DialogPane dialog =
          app.robot.lookup("#error-dialog").queryAs(javafx.scene.control.DialogPane.class);
      assertThat(dialog.getContentText()).contains("not-a-video.mp4");
      assertThat(dialog.getExpandableContent()).isNotNull();
      assertThat(app.context.store().sessions().list()).hasSize(before);
      assertThat(app.window.library().entries()).hasSize(before);
      assertThat(app.window.page()).isEqualTo(MainWindow.Page.LIBRARY);
      DesktopHarness.closeDialogs();
    }
  }

  @Test
  void switchingToSimplifiedChineseChangesTheVisibleLabels() throws Exception {
    try (DesktopHarness app = DesktopHarness.open(data)) {
      assertThat(app.robot.lookup("#nav-library").queryLabeled().getText()).isEqualTo("Library");
      app.robot.clickOn("#nav-settings");
      ComboBox<String> language = app.robot.lookup("#settings-language").queryComboBox();
      app.interact(() -> language.setValue("zh-CN"));
      DesktopHarness.await(
          5,
          "Chinese labels",
          () -> "资料库".equals(app.robot.lookup("#nav-library").queryLabeled().getText()));
      assertThat(app.robot.lookup("#nav-settings").queryLabeled().getText()).isEqualTo("设置");
      assertThat(app.robot.lookup("#nav-live").queryLabeled().getText()).isEqualTo("实时");
      assertThat(app.window.page()).isEqualTo(MainWindow.Page.SETTINGS);
      assertThat(Settings.load(data, DesktopHarness.ROOT).language()).isEqualTo("zh-CN");
    }
  }

  private static int colouredPixels(Image image) {
    int count = 0;
    var reader = image.getPixelReader();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        var c = reader.getColor(x, y);
        if (c.getSaturation() > 0.3 && c.getOpacity() > 0.5) {
          count++;
        }
      }
    }
    return count;
  }
}
