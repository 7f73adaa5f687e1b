package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreKeys;
import org.sentio.app.ui.settings.SettingsViewModel;

/** Settings says plainly where the store's key is, in English and Chinese, and when it is lost. */
class StoreKeySettingTest {
  @TempDir Path data;

  @Test
  void settingsSaysWhereTheKeyIsAndWhatToDoWhenItIsMissing() throws Exception {
    Path keyFile;
    try (SessionStore store = SessionStore.open(data)) {
      keyFile = StoreKeys.forThisUser().folder().resolve(storeId() + ".key");
      assertThat(shown(store, "en"))
          .startsWith(
              "Encrypted (AES-256-GCM); the key is in " + keyFile + ", readable only by you")
          .contains("sentio store key export --out FILE");
      assertThat(shown(store, "zh-CN")).startsWith("已加密（AES-256-GCM）；密钥保存在 " + keyFile);
    }
    Files.delete(keyFile);
    try (SessionStore store = SessionStore.open(data)) {
      assertThat(shown(store, "en"))
          .startsWith("The store's key is missing (looked in the keyring and in ")
          .contains(StoreKeys.forThisUser().folder().toString())
          .contains("sentio store key import FILE");
      assertThat(shown(store, "zh-CN")).startsWith("存储库密钥缺失");
    }
  }

  private String shown(SessionStore store, String language) {
    SettingsViewModel model =
        new SettingsViewModel(
            Settings.defaults(data),
            data,
            (t, m, e) -> {
              throw new AssertionError(m);
            },
            I18n.forLanguage(language),
            s -> {});
    model.showStoreKey(store, TaskExecutor.sameThread());
    return model.storeKeyProperty().get();
  }

  private String storeId() throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SessionStore.DATABASE_FILE));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT store_id FROM store_key")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
