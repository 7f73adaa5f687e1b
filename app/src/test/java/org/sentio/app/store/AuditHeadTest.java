package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries cut off the end of the audit table leave an intact chain; the head recorded beside the
 * store finds them, and a head older than the table (another writer, or a crash before the head was
 * written) is not taken for a break.
 */
class AuditHeadTest {
  @TempDir Path dir;

  private static void sql(Path data, String... statements) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
        Statement st = c.createStatement()) {
      for (String s : statements) {
        st.executeUpdate(s);
      }
    }
  }

  @Test
  void entriesCutOffTheEndAreFoundAgainstTheRecordedHead() throws Exception {
    Path data = dir.resolve("data");
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      for (int i = 1; i <= 4; i++) {
        audit.append(AuditRepository.Action.OPEN, "session " + i, "");
      }
      assertThat(audit.verify().intact()).isTrue();
    }
    Path head = data.resolve(SessionStore.DATABASE_FILE + AuditRepository.HEAD_SUFFIX);
    assertThat(Files.readString(head)).startsWith("4 ");

    sql(
        data,
        "DROP TRIGGER audit_entry_is_never_deleted",
        "DELETE FROM audit_entry WHERE seq >= 3");
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      AuditRepository.Verification v = audit.verify();
      assertThat(v.intact()).isFalse();
      assertThat(v.kind()).isEqualTo(AuditRepository.Break.CUT_OFF);
      assertThat(v.firstBadEntry()).isEqualTo(3);
      assertThat(v.problem())
          .isEqualTo(
              "entries 3–4 cut off the end (the head recorded in "
                  + SessionStore.DATABASE_FILE
                  + AuditRepository.HEAD_SUFFIX
                  + " is entry 4)");
    }
  }

  @Test
  void anOlderHeadIsNotABreakButAReplacedTailIs() throws Exception {
    Path data = dir.resolve("data");
    Path head = data.resolve(SessionStore.DATABASE_FILE + AuditRepository.HEAD_SUFFIX);
    String second;
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      audit.append(AuditRepository.Action.OPEN, "session 1", "");
      audit.append(AuditRepository.Action.EXPORT, "session 1", "");
      second = Files.readString(head);
      audit.append(AuditRepository.Action.DELETE, "session 1", "");
    }
    // As if the process died between its commit and writing the head.
    Files.writeString(head, second);
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      assertThat(audit.verify().intact()).isTrue();
    }

    // Entry 2 and 3 deleted and a new, correctly chained entry 2 appended: the chain holds, but
    // the recorded head (entry 2's old hash) does not.
    sql(
        data,
        "DROP TRIGGER audit_entry_is_never_deleted",
        "DELETE FROM audit_entry WHERE seq >= 2");
    Files.writeString(head, second);
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      audit.append(
          java.time.Instant.parse("2026-01-01T00:00:00Z"),
          "someone",
          AuditRepository.Action.OPEN,
          "session 1",
          "");
      Files.writeString(head, second);
      AuditRepository.Verification v = audit.verify();
      assertThat(v.kind()).isEqualTo(AuditRepository.Break.HEAD_REPLACED);
      assertThat(v.firstBadEntry()).isEqualTo(-1);
    }

    Files.writeString(head, "not a head");
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      assertThat(audit.verify().kind()).isEqualTo(AuditRepository.Break.HEAD_UNREADABLE);
    }
  }
}
