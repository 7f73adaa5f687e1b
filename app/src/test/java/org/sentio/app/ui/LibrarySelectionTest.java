package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;

/**
 * The row a person chose in the Library stays chosen when the library is read again: every visit to
 * the page and every import reads it in the background, and the menu's actions (open, rename, tags,
 * delete, share) act on the chosen row. A refresh that landed just after the click left no row
 * chosen, and "Share de-identified…" then did nothing.
 */
class LibrarySelectionTest {
  @TempDir Path data;

  @Test
  void aRefreshThatReplacesTheRowsKeepsThePersonsChoice() throws Exception {
    long first;
    long second;
    try (SessionStore store = SessionStore.open(data)) {
      first = store.sessions().save(SampleSessions.sample("Refund call", 4));
      second = store.sessions().save(SampleSessions.sample("Billing call", 4));
    }
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-library");
      TableView<LibraryEntry> table = app.robot.lookup("#library-table").queryTableView();
      DesktopHarness.await(30, "both sessions listed", () -> table.getItems().size() == 2);
      DesktopHarness.await(30, "the Billing call's row", () -> row(app, second) != null);
      app.robot.clickOn(row(app, second));
      DesktopHarness.await(
          30,
          "the Billing call chosen",
          () -> chosenId(table) != null && chosenId(table) == second);

      // renamed elsewhere (the CLI): the next read brings a new row for the chosen session
      app.context.store().sessions().rename(second, "Billing call, renamed");
      app.interact(() -> app.window.library().refresh());
      DesktopHarness.await(
          30,
          "the new title",
          () ->
              table.getItems().stream()
                  .anyMatch(e -> e.summary().title().equals("Billing call, renamed")));
      assertThat(chosenId(table)).as("the chosen session after a refresh").isEqualTo(second);

      app.context.store().sessions().delete(second);
      app.interact(() -> app.window.library().refresh());
      DesktopHarness.await(30, "the deleted row gone", () -> table.getItems().size() == 1);
      assertThat(table.getItems().get(0).id()).isEqualTo(first);
      assertThat(chosenId(table)).as("a deleted session is not chosen").isNull();
    }
  }

  private static Long chosenId(TableView<LibraryEntry> table) {
    LibraryEntry chosen = table.getSelectionModel().getSelectedItem();
    return chosen == null ? null : chosen.id();
  }

  /** The drawn row of a session: visible, in the library's table, holding that session. */
  private static Node row(DesktopHarness app, long id) {
    return app.robot.lookup("#library-table .table-row-cell").queryAll().stream()
        .filter(
            n ->
                n instanceof TableRow<?> r
                    && r.isVisible()
                    && r.getIndex() >= 0
                    && r.getItem() instanceof LibraryEntry e
                    && e.id() == id)
        .findFirst()
        .orElse(null);
  }
}
