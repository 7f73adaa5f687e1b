package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.StepStatus;

/**
 * The Workflows page on the headless toolkit, on a real store with the real models: a sentence is
 * refused with the words not understood; another is shown as a machine (words and diagram) before
 * it is saved; Run now analyses the demo recording; the review waits in the queue and raises a
 * notification; Approve finishes the run and the copy step writes the file.
 */
class WorkflowsPageTest {
  @TempDir Path temp;

  private static Node workflowRow(DesktopHarness app) {
    return app.robot.lookup("#workflows-table .table-row-cell").queryAll().stream()
        .filter(
            n ->
                n instanceof javafx.scene.control.TableRow<?> r
                    && r.isVisible()
                    && r.getIndex() == 0
                    && r.getItem() != null)
        .findFirst()
        .orElse(null);
  }

  @Test
  void createFromASentenceRunOnRealMediaApproveTheReviewAndTheRunFinishes() throws Exception {
    Path calls = Files.createDirectories(temp.resolve("calls"));
    Path archive = temp.resolve("archive");
    Files.copy(DesktopHarness.DEMO, calls.resolve("call-1.mp4"));
    // copied in a while ago: the analysis leaves files still being copied for the next run
    Files.setLastModifiedTime(
        calls.resolve("call-1.mp4"), FileTime.from(Instant.now().minusSeconds(60)));

    try (DesktopHarness app = DesktopHarness.open(temp.resolve("data"))) {
      app.robot.clickOn("#nav-workflows");
      DesktopHarness.await(
          10, "the Workflows page", () -> app.window.page() == MainWindow.Page.WORKFLOWS);
      app.robot.clickOn("New from a sentence");

      TextArea sentence = app.robot.lookup("#workflow-sentence").queryAs(TextArea.class);
      Button save = app.robot.lookup("#workflow-save").queryButton();
      app.interact(
          () -> sentence.setText("analyse the new recordings in " + calls + " and juggle bananas"));
      app.robot.clickOn("#workflow-check");
      Label unparsed = app.robot.lookup("#workflow-unparsed").queryAs(Label.class);
      DesktopHarness.await(
          20, "the words not understood", () -> unparsed.getText().contains("juggle"));
      assertThat(unparsed.getText()).contains("bananas");
      assertThat(save.isDisabled()).as("a sentence not understood cannot be saved").isTrue();

      app.interact(
          () ->
              sentence.setText(
                  "analyse the new recordings in "
                      + calls
                      + ", have a supervisor approve it, then copy them to "
                      + archive));
      assertThat(save.isDisabled()).as("the new sentence has not been shown yet").isTrue();
      TextField name = app.robot.lookup("#workflow-name").queryAs(TextField.class);
      app.interact(() -> name.setText("calls-to-archive"));
      app.robot.clickOn("#workflow-check");
      TextArea words = app.robot.lookup("#workflow-words").queryAs(TextArea.class);
      DesktopHarness.await(20, "the machine in words", () -> words.getText().contains("copy"));
      assertThat(words.getText()).contains(calls.toString()).contains("approve");
      assertThat(unparsed.getText()).isEmpty();
      assertThat(app.robot.lookup("#workflow-diagram .machine-state").queryAll())
          .as("one box per state: analyse, review, copy")
          .hasSize(3);
      assertThat(app.robot.lookup("#workflow-diagram .machine-trigger").queryAll()).hasSize(1);
      assertThat(app.window.workflows().workflows()).as("nothing saved before Save").isEmpty();
      assertThat(save.isDisabled()).isFalse();
      app.robot.clickOn("#workflow-save");
      DesktopHarness.await(
          10, "the saved workflow", () -> app.window.workflows().workflows().size() == 1);

      app.robot.clickOn("Workflows and runs");
      app.clickUntil(
          "the workflow's row",
          () -> workflowRow(app),
          () ->
              app.window.workflows().selectedProperty().get() != null
                  && !app.robot.lookup("#workflow-run-now").queryButton().isDisabled());
      app.robot.clickOn("#workflow-run-now");

      DesktopHarness.await(
          240, "the review to wait", () -> app.window.workflows().reviews().size() == 1);
      DesktopHarness.await(
          10,
          "a notification of the waiting review",
          () ->
              app.robot.lookup("#notification-area .label").queryAll().stream()
                  .anyMatch(
                      n ->
                          n instanceof Label l
                              && l.getText() != null
                              && l.getText().contains("waits for your review")));
      long run = app.window.workflows().reviews().get(0).runId();
      DesktopHarness.await(
          10,
          "the run and its finished analysis",
          () ->
              !app.window.workflows().runs().isEmpty()
                  && app.window.workflows().runs().get(0).status() == RunStatus.WAITING);
      assertThat(app.context.store().sessions().list())
          .as("the recording was analysed and stored")
          .hasSize(1);
      assertThat(Files.exists(archive)).as("nothing copied before approval").isFalse();

      app.robot.clickOn("Review queue (1)");
      app.robot.clickOn("#review-note").write("looks right");
      app.robot.clickOn("#review-approve");
      DesktopHarness.await(
          60,
          "the run to succeed",
          () ->
              !app.window.workflows().runs().isEmpty()
                  && app.window.workflows().runs().get(0).id() == run
                  && app.window.workflows().runs().get(0).status() == RunStatus.SUCCEEDED);
      assertThat(archive.resolve("call-1.mp4")).exists();
      assertThat(app.window.workflows().reviews()).isEmpty();
      app.interact(
          () ->
              app.window
                  .workflows()
                  .selectedRunProperty()
                  .set(app.window.workflows().runs().get(0).id()));
      DesktopHarness.await(
          10,
          "every step done",
          () ->
              app.window.workflows().steps().size() == 3
                  && app.window.workflows().steps().stream()
                      .allMatch(s -> s.status() == StepStatus.DONE));
      DesktopHarness.await(
          10,
          "the decision in the history",
          () ->
              app.window.workflows().log().stream()
                  .anyMatch(l -> l.message().contains("approve: looks right")));
      Node steps = app.robot.lookup("#workflow-steps").query();
      assertThat(steps.isVisible()).isTrue();
    }
  }
}
