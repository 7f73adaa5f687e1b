package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.ContextMenuEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;

/**
 * "Share de-identified…" from the Library's menu on a real store and the real demo video: the share
 * runs off the JavaFX thread with progress and cancel, writes the de-identified copy and its
 * manifest, says what was removed, and is written to the audit log; a cancelled share leaves no
 * media behind and nothing in the log.
 */
class ShareMenuTest {
  @TempDir Path dir;

  private static SessionResult withDemoAndPersonalData() {
    SessionResult base = SampleSessions.sample("Refund call", 4);
    AffectEstimate none = AffectEstimate.present(Modality.TEXT, null, 0, Double.NaN, 0.5);
    return base.toBuilder()
        .media(
            new MediaSummary(
                DesktopHarness.DEMO.toString(),
                "mov,mp4,m4a",
                17.12,
                "h264",
                512,
                512,
                25,
                "aac",
                48000))
        .transcript(
            List.of(
                new Utterance(0.5, 2.0, "Hi, you can mail me at jane.doe@example.com", none),
                new Utterance(2.0, 3.5, "or call 020 7946 0321 after five", none)))
        .build();
  }

  private static void shareFromMenu(DesktopHarness app, long id) throws Exception {
    app.robot.clickOn("#nav-library");
    TableView<LibraryEntry> table = app.robot.lookup("#library-table").queryTableView();
    DesktopHarness.await(30, "the session listed", () -> !table.getItems().isEmpty());
    app.interact(() -> table.getSelectionModel().select(0));
    // the library's row as drawn now: the table keeps rows aside, unseen, to measure them
    DesktopHarness.await(30, "the session's row", () -> firstRow(app) != null);
    Node row = firstRow(app);
    app.interact(
        () -> {
          Bounds b = row.localToScreen(row.getBoundsInLocal());
          Event.fireEvent(
              row,
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
        "the library's menu",
        () ->
            javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof ContextMenu && w.isShowing()));
    app.robot.clickOn("Share de-identified…");
  }

  private static Node firstRow(DesktopHarness app) {
    return app.robot.lookup("#library-table .table-row-cell").queryAll().stream()
        .filter(
            n ->
                n instanceof TableRow<?> r
                    && r.isVisible()
                    && r.getIndex() == 0
                    && r.getItem() != null)
        .findFirst()
        .orElse(null);
  }

  private static String status(DesktopHarness app) {
    return app.robot.lookup("#share-status").queryAs(Label.class).getText();
  }

  @Test
  void sharedFromTheLibraryMenuWithWhatWasRemovedAndAnAuditEntry() throws Exception {
    Path data = dir.resolve("data");
    long id;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(withDemoAndPersonalData());
    }
    Path out = dir.resolve("shared");
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.interact(() -> app.window.libraryView().setShareFolderChooser(w -> out));
      shareFromMenu(app, id);
      DesktopHarness.await(
          10,
          "the progress bar",
          () -> app.robot.lookup("#share-progress").query().getParent().isVisible());
      assertThat(status(app))
          .isEqualTo("Sharing a de-identified copy of \"Refund call\" to " + out + "…");
      DesktopHarness.await(
          240, "the share to finish", () -> status(app).startsWith("Shared a de-identified"));
      String said = status(app);
      assertThat(said)
          .startsWith("Shared a de-identified copy to " + out + ".\n")
          .contains("Removed from the transcript: 2 spans (1 phone numbers, 1 e-mail addresses).")
          .containsPattern("Faces hidden in \\d+ of \\d+ frames\\.")
          .contains("Voice pitch and formants shifted.")
          .endsWith("The folder's manifest.json lists what was removed.");
      assertThat(app.robot.lookup("#share-progress").query().getParent().isVisible()).isFalse();

      assertThat(out.resolve("media.mp4")).isNotEmptyFile();
      JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
      assertThat(manifest.path("format").asText()).isEqualTo("sentio-deidentified/1");
      assertThat(manifest.path("transcript").path("redacted").path("email").asInt()).isEqualTo(1);
      assertThat(manifest.path("transcript").path("redacted").path("phone").asInt()).isEqualTo(1);
      String copied;
      try (Stream<Path> files = Files.list(out)) {
        copied =
            files
                .filter(f -> !f.getFileName().toString().endsWith(".mp4"))
                .map(
                    f -> {
                      try {
                        return Files.readString(f);
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    })
                .reduce("", String::concat);
      }
      assertThat(copied).doesNotContain("jane.doe@example.com").doesNotContain("7946");

      List<AuditRepository.Entry> log = app.context.audit().entries();
      assertThat(log).hasSize(1);
      assertThat(log.get(0).action()).isEqualTo(AuditRepository.Action.SHARE);
      assertThat(log.get(0).subject()).isEqualTo("session " + id);
      assertThat(log.get(0).osUser()).isEqualTo(System.getProperty("user.name"));
    }
  }

  @Test
  void aCancelledShareLeavesNoMediaAndNoAuditEntry() throws Exception {
    Path data = dir.resolve("data");
    long id;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(withDemoAndPersonalData());
    }
    Path out = dir.resolve("cancelled");
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.interact(() -> app.window.libraryView().setShareFolderChooser(w -> out));
      shareFromMenu(app, id);
      DesktopHarness.await(
          10,
          "the cancel button",
          () -> app.robot.lookup("#share-cancel").query().getParent().isVisible());
      app.robot.clickOn("#share-cancel");
      DesktopHarness.await(120, "the share to stop", () -> status(app).startsWith("Cancelled"));
      assertThat(status(app))
          .isEqualTo(
              "Cancelled: the half-written copy in " + out + " was removed; nothing was shared.");
      assertThat(out.resolve("media.mp4")).doesNotExist();
      assertThat(out.resolve("manifest.json")).doesNotExist();
      assertThat(app.context.audit().entries()).isEmpty();
    }
  }
}
