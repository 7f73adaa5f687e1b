package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;

/**
 * The commands that touch a session leave entries by the operating-system user; {@code sentio
 * audit} shows, verifies and exports them, and a row edited in the SQLite file makes verify fail.
 */
class AuditCommandTest {
  @TempDir Path dir;

  @Test
  void openExportAndDeleteAreLoggedVerifiedAndExported() throws Exception {
    Path data = dir.resolve("data");
    try (SessionStore store = SessionStore.open(data)) {
      store.sessions().save(SampleSessions.sample("Refund call", 4));
    }
    assertThat(CapturedRun.run("sessions", "show", "1", "--data-dir", data.toString()).code())
        .isZero();
    assertThat(
            CapturedRun.run(
                    "export",
                    "1",
                    "--format",
                    "json",
                    "--out",
                    dir.resolve("x").toString(),
                    "--data-dir",
                    data.toString())
                .code())
        .isZero();
    assertThat(CapturedRun.run("sessions", "delete", "1", "--data-dir", data.toString()).code())
        .isZero();

    CapturedRun shown = CapturedRun.run("audit", "show", "--data-dir", data.toString());
    String user = System.getProperty("user.name");
    List<String> lines = shown.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains(user, "open", "session 1");
    assertThat(lines.get(1)).contains(user, "export", "session 1", "json to ");
    assertThat(lines.get(2)).contains(user, "delete", "session 1", "\"Refund call\"");

    CapturedRun verified = CapturedRun.run("audit", "verify", "--data-dir", data.toString());
    assertThat(verified.code()).isZero();
    assertThat(verified.out()).startsWith("The audit log is intact: 3 entries, head ");

    Path exported = dir.resolve("audit.jsonl");
    assertThat(
            CapturedRun.run(
                    "audit", "export", "--out", exported.toString(), "--data-dir", data.toString())
                .code())
        .isZero();
    assertThat(Files.readAllLines(exported)).hasSize(3).allMatch(l -> l.contains("\"hash\":\""));

    try (Connection sql =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
        Statement st = sql.createStatement()) {
      st.executeUpdate("DROP TRIGGER audit_entry_is_never_updated");
      st.executeUpdate("UPDATE audit_entry SET detail = 'nothing happened' WHERE seq = 3");
    }
    CapturedRun broken = CapturedRun.run("audit", "verify", "--data-dir", data.toString());
    assertThat(broken.code()).isEqualTo(AuditCommand.EXIT_BROKEN);
    assertThat(broken.err().strip())
        .isEqualTo(
            "sentio: the audit log was tampered with: entry 3 was changed after it was written;"
                + " the 2 entries before it are intact");
  }
}
