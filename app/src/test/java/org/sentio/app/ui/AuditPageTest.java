package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;

/**
 * The Audit page, reached from the navigation of a real desktop window on a real store: entries
 * newest first, "Verify chain" intact then broken at the edited entry, "Export…" to CSV and JSON
 * lines with the hashes; and the same page in Chinese.
 */
class AuditPageTest {
  @TempDir Path dir;

  private static void write(Path data) throws Exception {
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      audit.append(AuditRepository.Action.OPEN, "session 1", "first");
      audit.append(AuditRepository.Action.EXPORT, "session 1", "second");
      audit.append(AuditRepository.Action.DELETE, "session 1", "third");
    }
  }

  @SuppressWarnings("unchecked")
  private static TableView<AuditRepository.Entry> table(DesktopHarness app) {
    return app.robot.lookup("#audit-table").queryAs(TableView.class);
  }

  private static String text(DesktopHarness app, String id) {
    return app.robot.lookup(id).queryAs(Label.class).getText();
  }

  @Test
  void entriesNewestFirstVerifiedExportedAndAnEditedEntryIsNamed() throws Exception {
    Path data = dir.resolve("data");
    write(data);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-audit");
      DesktopHarness.await(20, "three entries", () -> table(app).getItems().size() == 3);
      List<AuditRepository.Entry> shown = table(app).getItems();
      assertThat(shown).extracting(AuditRepository.Entry::seq).containsExactly(3L, 2L, 1L);
      assertThat(shown.get(0).osUser()).isEqualTo(System.getProperty("user.name"));

      app.robot.clickOn("#audit-verify");
      DesktopHarness.await(
          20, "the verification", () -> !text(app, "#audit-verify-status").isEmpty());
      assertThat(text(app, "#audit-verify-status"))
          .startsWith("Intact: 3 entries, each chained to the one before; head ");

      Path csv = dir.resolve("out/audit.csv");
      app.interact(() -> app.window.auditView().setExportChooser(w -> csv));
      app.robot.clickOn("#audit-export");
      DesktopHarness.await(
          20, "the CSV export", () -> text(app, "#audit-export-status").startsWith("Wrote"));
      assertThat(text(app, "#audit-export-status")).isEqualTo("Wrote 3 entries to " + csv + ".");
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines).hasSize(4);
      assertThat(lines.get(0)).isEqualTo("seq,at,user,action,subject,detail,prevHash,hash");
      assertThat(lines.get(1)).startsWith("1,").contains(",open,\"session 1\",first,");
      assertThat(lines.get(3)).startsWith("3,").contains(",delete,");

      Path json = dir.resolve("out/audit.jsonl");
      app.interact(() -> app.window.auditView().setExportChooser(w -> json));
      app.robot.clickOn("#audit-export");
      DesktopHarness.await(
          20,
          "the JSON export",
          () -> text(app, "#audit-export-status").equals("Wrote 3 entries to " + json + "."));
      assertThat(Files.readAllLines(json))
          .hasSize(3)
          .allMatch(l -> l.startsWith("{\"seq\":") && l.contains("\"hash\":\""));

      try (Connection sql =
              DriverManager.getConnection(
                  "jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
          Statement st = sql.createStatement()) {
        st.executeUpdate("DROP TRIGGER audit_entry_is_never_updated");
        st.executeUpdate("UPDATE audit_entry SET detail = 'nothing happened' WHERE seq = 2");
      }
      app.robot.clickOn("#audit-verify");
      DesktopHarness.await(
          20, "the broken chain", () -> text(app, "#audit-verify-status").startsWith("Broken"));
      assertThat(text(app, "#audit-verify-status"))
          .isEqualTo(
              "Broken at entry 2: entry 2 was changed after it was written. The 1 entries before"
                  + " it are intact.");
      assertThat(table(app).getItems().get(1).detail()).isEqualTo("nothing happened");
    }
  }

  @Test
  void thePageSpeaksChinese() throws Exception {
    Path data = dir.resolve("data-zh");
    write(data);
    Settings d = Settings.defaults(DesktopHarness.ROOT);
    new Settings(
            "zh-CN",
            d.theme(),
            d.camera(),
            d.microphone(),
            d.virtualCameraFile(),
            d.analysisFps(),
            d.windowSeconds(),
            0,
            "tester")
        .save(data);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-audit");
      assertThat(text(app, "#audit-title")).isEqualTo("审计日志");
      DesktopHarness.await(20, "three entries", () -> table(app).getItems().size() == 3);
      app.robot.clickOn("#audit-verify");
      DesktopHarness.await(
          20, "the verification", () -> !text(app, "#audit-verify-status").isEmpty());
      assertThat(text(app, "#audit-verify-status")).startsWith("完整：共 3 条记录");
      assertThat(app.window.audit().actionText(table(app).getItems().get(0))).isEqualTo("删除");
    }
  }
}
