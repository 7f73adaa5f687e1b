package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SpeechSessions;
import org.sentio.app.store.StoreKeys;

/**
 * {@code sentio store key status|export|import} on real stores: where the key is, a recovery key
 * written once and never over a file, the key brought back from it after it was lost, and bad input
 * (a missing file, not a recovery key, another store's key, a changed key) refused with one line
 * and exit 2, nothing changed.
 */
class StoreCommandTest {
  @TempDir Path dir;

  @Test
  void statusExportLoseTheKeyAndImportItBack() throws Exception {
    Path data = dir.resolve("data");
    try (SessionStore store = SessionStore.open(data)) {
      store.sessions().save(SpeechSessions.recognised("Refund call", 6));
    }
    CapturedRun status = CapturedRun.run("store", "key", "status", "--data-dir", data.toString());
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("are encrypted (AES-256-GCM)")
        .contains(StoreKeys.forThisUser().folder().toString())
        .contains("sentio store key export --out FILE");

    Path recovery = dir.resolve("recovery.key");
    CapturedRun exported =
        CapturedRun.run(
            "store", "key", "export", "--out", recovery.toString(), "--data-dir", data.toString());
    assertThat(exported.code()).as(exported.err()).isZero();
    assertThat(Files.readString(recovery)).startsWith("Sentio session store recovery key\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recovery)))
        .isEqualTo("rw-------");
    String written = Files.readString(recovery);
    CapturedRun again =
        CapturedRun.run(
            "store", "key", "export", "--out", recovery.toString(), "--data-dir", data.toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err().strip())
        .isEqualTo(
            "sentio: " + recovery + ": already exists; nothing written. Choose a new file name");
    assertThat(Files.readString(recovery)).isEqualTo(written);

    Path keyFile = StoreKeys.forThisUser().folder().resolve(storeId(data) + ".key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    Files.delete(keyFile);
    CapturedRun locked = CapturedRun.run("store", "key", "status", "--data-dir", data.toString());
    assertThat(locked.code()).isEqualTo(3);
    assertThat(locked.err().lines()).singleElement();
    assertThat(locked.err()).contains("is missing", "sentio store key import FILE");
    CapturedRun show = CapturedRun.run("sessions", "show", "1", "--data-dir", data.toString());
    assertThat(show.code()).isNotZero();
    assertThat(show.err()).contains("is missing", "sentio store key import FILE");

    CapturedRun imported =
        CapturedRun.run(
            "store", "key", "import", recovery.toString(), "--data-dir", data.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("kept in " + keyFile);
    assertThat(CapturedRun.run("store", "key", "status", "--data-dir", data.toString()).code())
        .isZero();
    CapturedRun shown = CapturedRun.run("sessions", "show", "1", "--data-dir", data.toString());
    assertThat(shown.code()).as(shown.err()).isZero();
  }

  @Test
  void badRecoveryFilesAreRefusedWithOneLineAndNothingChanges() throws Exception {
    Path data = dir.resolve("data");
    Path other = dir.resolve("other");
    try (SessionStore store = SessionStore.open(data)) {
      store.sessions().save(SpeechSessions.recognised("call", 4));
    }
    try (SessionStore store = SessionStore.open(other)) {
      store.sessions().save(SpeechSessions.recognised("another", 4));
    }
    Path otherKey = dir.resolve("other.key");
    assertThat(
            CapturedRun.run(
                    "store",
                    "key",
                    "export",
                    "--out",
                    otherKey.toString(),
                    "--data-dir",
                    other.toString())
                .code())
        .isZero();
    Path keyFile = StoreKeys.forThisUser().folder().resolve(storeId(data) + ".key");
    String key = Files.readString(keyFile);

    Path missing = dir.resolve("nowhere.key");
    assertRefused(
        CapturedRun.run(
            "store", "key", "import", missing.toString(), "--data-dir", data.toString()),
        missing + ": no such file; give the file written by `sentio store key export`");

    Path notAKey = Files.writeString(dir.resolve("notes.txt"), "shopping list\nmilk\n");
    assertRefused(
        CapturedRun.run(
            "store", "key", "import", notAKey.toString(), "--data-dir", data.toString()),
        notAKey
            + ": not a Sentio recovery key; give the file written by `sentio store key export`");

    CapturedRun wrongStore =
        CapturedRun.run(
            "store", "key", "import", otherKey.toString(), "--data-dir", data.toString());
    assertThat(wrongStore.code()).isEqualTo(2);
    assertThat(wrongStore.err().lines()).singleElement();
    assertThat(wrongStore.err())
        .startsWith("sentio: " + otherKey + ": the recovery key of store " + storeId(other))
        .contains("nothing changed");

    Path changed = dir.resolve("changed.key");
    Path own = dir.resolve("own.key");
    assertThat(
            CapturedRun.run(
                    "store",
                    "key",
                    "export",
                    "--out",
                    own.toString(),
                    "--data-dir",
                    data.toString())
                .code())
        .isZero();
    String text = Files.readString(own);
    int at = text.indexOf("key: ") + 5;
    char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
    Files.writeString(changed, text.substring(0, at) + flipped + text.substring(at + 1));
    CapturedRun tampered =
        CapturedRun.run(
            "store", "key", "import", changed.toString(), "--data-dir", data.toString());
    assertThat(tampered.code()).isEqualTo(2);
    assertThat(tampered.err().lines()).singleElement();
    assertThat(tampered.err()).contains("this key does not open", "nothing changed");

    CapturedRun noOut = CapturedRun.run("store", "key", "export", "--data-dir", data.toString());
    assertThat(noOut.code()).isEqualTo(2);
    CapturedRun noFolder =
        CapturedRun.run(
            "store",
            "key",
            "export",
            "--out",
            dir.resolve("no/such/folder/k.key").toString(),
            "--data-dir",
            data.toString());
    assertThat(noFolder.code()).isEqualTo(2);
    assertThat(noFolder.err()).contains("its folder does not exist; nothing written");

    assertThat(Files.readString(keyFile)).isEqualTo(key);
    assertThat(CapturedRun.run("sessions", "show", "1", "--data-dir", data.toString()).code())
        .isZero();
  }

  private static void assertRefused(CapturedRun output, String line) {
    assertThat(output.code()).isEqualTo(2);
    assertThat(output.err().strip()).isEqualTo("sentio: " + line);
  }

  private static String storeId(Path data) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT store_id FROM store_key")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
