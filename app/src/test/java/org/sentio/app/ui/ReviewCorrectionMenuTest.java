package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SpeechSessions;

/**
 * The transcript's "Correct text…" menu in Review, driven through the real window with the real
 * text and fusion models: right-click a recognised line, type what was said, OK. The line shows the
 * correction, the store keeps the recognised text beside it, and only the windows the utterance
 * covers are read again.
 */
class ReviewCorrectionMenuTest {
  private static final String SAID = "This is ridiculous, I am furious and I want a refund now";

  @TempDir Path data;

  @Test
  void correctingALineFromItsMenuRereadsOnlyTheWindowsItCovers() throws Exception {
    SessionResult original = SpeechSessions.twoSpeakers("two-party call", 12);
    long id;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(original);
    }
    Utterance heard = original.transcript().get(0);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.interact(() -> app.window.openReview(id));
      DesktopHarness.await(
          20, "the transcript", () -> app.window.review().transcript().size() == 3);
      DesktopHarness.await(30, "the first line drawn", () -> firstLine(app) != null);
      assertThat(((Labeled) firstLine(app)).getText()).contains("S1 Agent: kids are talking");

      chooseFirstLine(app);
      openContextMenu(app, firstLine(app));
      app.robot.clickOn("Correct text…");
      DesktopHarness.await(
          10,
          "the correction dialog",
          () -> !app.robot.lookup(".dialog-pane").queryAll().isEmpty());
      DialogPane dialog = app.robot.lookup(".dialog-pane").queryAs(DialogPane.class);
      assertThat(dialog.getHeaderText()).startsWith("What was said");
      TextField field = app.robot.from(dialog).lookup(".text-field").queryAs(TextField.class);
      assertThat(field.getText()).isEqualTo("kids are talking");
      app.interact(() -> field.setText(SAID));
      app.robot.clickOn((Node) dialog.lookupButton(ButtonType.OK));

      DesktopHarness.await(
          180,
          "the corrected line",
          () -> SAID.equals(app.window.review().transcript().get(0).text()));
      DesktopHarness.await(
          30,
          "the ✎ mark on the line",
          () ->
              firstLine(app) instanceof Labeled l
                  && l.getText() != null
                  && l.getText().endsWith(SAID + "  ✎"));
      SessionResult stored = app.context.store().sessions().load(id).orElseThrow().result();
      Utterance corrected = stored.transcript().get(0);
      assertThat(corrected.text()).isEqualTo(SAID);
      assertThat(corrected.originalText()).isEqualTo(heard.text());
      assertThat(corrected.words()).isEqualTo(heard.words());
      assertThat(corrected.speaker()).isEqualTo("S1");
      assertThat(corrected.affect().valence()).isLessThan(heard.affect().valence());
      assertThat(stored.transcript().subList(1, 3)).isEqualTo(original.transcript().subList(1, 3));
      int changed = 0;
      for (int k = 0; k < original.windows().size(); k++) {
        AffectWindow before = original.windows().get(k);
        AffectWindow after = stored.windows().get(k);
        boolean covered =
            Math.min(before.endSeconds(), heard.endSeconds())
                > Math.max(before.startSeconds(), heard.startSeconds());
        if (covered) {
          changed++;
          assertThat(after.estimate(Modality.TEXT))
              .as("window %d", k)
              .isNotEqualTo(before.estimate(Modality.TEXT));
          if (original.speakersIn(before).equals(List.of("S1"))) {
            // only the corrected line is heard here: its angrier words lower the text valence
            assertThat(after.estimate(Modality.TEXT).valence())
                .as("window %d", k)
                .isLessThan(before.estimate(Modality.TEXT).valence());
          }
          assertThat(after.estimate(Modality.VOICE)).isEqualTo(before.estimate(Modality.VOICE));
          assertThat(app.window.review().windows().get(k)).isEqualTo(after);
        } else {
          assertThat(after)
              .as("window %d", k)
              .usingRecursiveComparison()
              .withComparatorForType(Double::compare, Double.class)
              .isEqualTo(before);
        }
      }
      assertThat(changed).isPositive().isLessThan(original.windows().size());
    }
  }

  /**
   * Clicks the first line until the transcript has chosen it, as a person would click again: the
   * transcript draws its lines anew when the speakers are read, and a click can land on a line that
   * is being replaced.
   */
  private static void chooseFirstLine(DesktopHarness app) throws Exception {
    ListView<?> transcript = app.robot.lookup("#review-transcript").queryListView();
    app.clickUntil(
        "the first line",
        () -> firstLine(app),
        () -> transcript.getSelectionModel().getSelectedIndex() == 0);
  }

  /**
   * Asks for the line's context menu as a desktop does on a right click (the headless toolkit's
   * mouse sends no context-menu request of its own).
   */
  private static void openContextMenu(DesktopHarness app, Node line) throws Exception {
    app.interact(
        () -> {
          Bounds b = line.localToScreen(line.getBoundsInLocal());
          Event.fireEvent(
              line,
              new ContextMenuEvent(
                  ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                  b.getWidth() / 2,
                  b.getHeight() / 2,
                  b.getCenterX(),
                  b.getCenterY(),
                  false,
                  null));
        });
    DesktopHarness.await(
        5,
        "the line's menu",
        () ->
            javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof ContextMenu && w.isShowing()));
  }

  private static Node firstLine(DesktopHarness app) {
    return app.robot.lookup("#review-transcript").lookup(".list-cell").queryAll().stream()
        .filter(
            n ->
                n instanceof ListCell<?> c
                    && c.isVisible()
                    && c.getIndex() == 0
                    && c.getText() != null
                    && c.getText().startsWith("0:00.4"))
        .findFirst()
        .orElse(null);
  }
}
