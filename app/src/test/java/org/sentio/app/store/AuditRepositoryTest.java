package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log on a real SQLite store, tampered with the way someone with the file would: through
 * plain SQL on the file, triggers dropped, rows edited, deleted, or edited with their hash redone.
 */
class AuditRepositoryTest {
  @TempDir Path data;
  private Path database;

  @BeforeEach
  void fiveEntries() throws Exception {
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      database = store.databaseFile();
      Instant t = Instant.parse("2026-12-02T10:00:00Z");
      audit.append(t, "nurse", AuditRepository.Action.OPEN, "session 1", "desktop");
      audit.append(
          t.plusSeconds(60),
          "nurse",
          AuditRepository.Action.REVEAL,
          "session 1",
          "patient identity");
      audit.append(
          t.plusSeconds(120),
          "doctor",
          AuditRepository.Action.EXPORT,
          "session 1",
          "pdf to /tmp/x");
      audit.append(
          t.plusSeconds(180), "doctor", AuditRepository.Action.SHARE, "session 1", "de-identified");
      audit.append(
          t.plusSeconds(240),
          "admin",
          AuditRepository.Action.DELETE,
          "session 1",
          "\"Refund call\"");
    }
  }

  @Test
  void anUntouchedLogVerifiesAndChainsEveryEntryToTheOneBefore() throws Exception {
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      AuditRepository.Verification v = audit.verify();
      assertThat(v.intact()).isTrue();
      assertThat(v.entries()).isEqualTo(5);
      var entries = audit.entries();
      assertThat(entries.get(0).previousHash()).isEqualTo(AuditRepository.GENESIS);
      for (int i = 1; i < entries.size(); i++) {
        assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
        assertThat(entries.get(i).hash()).isEqualTo(entries.get(i).expectedHash());
      }
      assertThat(v.head()).isEqualTo(entries.get(4).hash());
    }
  }

  @Test
  void sqlOnTheFileCannotChangeOrRemoveEntriesWhileTheTriggersStand() throws Exception {
    try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement st = sql.createStatement()) {
      assertThatThrownBy(
              () -> st.executeUpdate("UPDATE audit_entry SET os_user = 'x' WHERE seq = 2"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_entry WHERE seq = 2"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void anEditedEntryIsFound() throws Exception {
    tamper("UPDATE audit_entry SET os_user = 'someone-else' WHERE seq = 3");
    assertThat(verify().problem()).isEqualTo("entry 3 was changed after it was written");
    assertThat(verify().entries()).isEqualTo(2);
  }

  @Test
  void aDeletedEntryIsFound() throws Exception {
    tamper("DELETE FROM audit_entry WHERE seq = 2");
    assertThat(verify().problem()).isEqualTo("entry 2 removed");
  }

  @Test
  void anEntryEditedWithItsHashRedoneBreaksTheLinkToTheNext() throws Exception {
    String forged =
        AuditRepository.hash(
            2,
            "2026-12-02T10:01:00Z",
            "nurse",
            "open",
            "session 1",
            "patient identity",
            firstHash());
    tamper("UPDATE audit_entry SET action = 'open', hash = '" + forged + "' WHERE seq = 2");
    assertThat(verify().problem()).isEqualTo("entry 3 does not follow entry 2 (chain broken)");
  }

  @Test
  void cuttingOffTheLastEntryIsCaughtByTheHeadKeptBesideTheStore() throws Exception {
    String headBefore = verify().head();
    tamper("DELETE FROM audit_entry WHERE seq = 5");
    AuditRepository.Verification v = verify();
    assertThat(v.intact()).as("the chain alone is still valid; the recorded head is not").isFalse();
    assertThat(v.kind()).isEqualTo(AuditRepository.Break.CUT_OFF);
    assertThat(v.head()).isNotEqualTo(headBefore);
  }

  private String firstHash() throws Exception {
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      return audit.entries().get(0).hash();
    }
  }

  private AuditRepository.Verification verify() throws Exception {
    try (SessionStore store = SessionStore.open(data);
        AuditRepository audit = AuditRepository.open(store)) {
      return audit.verify();
    }
  }

  /** What someone with the file and the sqlite3 tool would do: drop the guards, then edit. */
  private void tamper(String edit) throws Exception {
    try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement st = sql.createStatement()) {
      st.executeUpdate("DROP TRIGGER audit_entry_is_never_updated");
      st.executeUpdate("DROP TRIGGER audit_entry_is_never_deleted");
      st.executeUpdate(edit);
    }
  }
}
