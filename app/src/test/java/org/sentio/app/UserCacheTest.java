package org.sentio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserCacheTest {
  private static final Path HOME = Path.of("/home/ada");

  @Test
  void linuxUsesTheXdgCacheFolder() {
    assertThat(UserCache.folder(Map.of(), "Linux", HOME))
        .isEqualTo(Path.of("/home/ada/.cache/sentio"));
    assertThat(UserCache.folder(Map.of("XDG_CACHE_HOME", "/var/cache/ada"), "Linux", HOME))
        .isEqualTo(Path.of("/var/cache/ada/sentio"));
    assertThat(UserCache.folder(Map.of("XDG_CACHE_HOME", "relative"), "Linux", HOME))
        .as("the XDG spec ignores relative paths")
        .isEqualTo(Path.of("/home/ada/.cache/sentio"));
  }

  @Test
  void windowsUsesLocalAppDataAndMacosItsCachesFolder() {
    assertThat(
            UserCache.folder(
                Map.of("LOCALAPPDATA", "/c/Users/ada/AppData/Local"), "Windows 11", HOME))
        .isEqualTo(Path.of("/c/Users/ada/AppData/Local/Sentio/cache"));
    assertThat(UserCache.folder(Map.of(), "Mac OS X", HOME))
        .isEqualTo(Path.of("/home/ada/Library/Caches/Sentio"));
  }

  @Test
  void pointsEveryExtractingLibraryIntoTheCacheButKeepsWhatTheUserSet() {
    String javacpp = "org.bytedeco.javacpp.cachedir";
    String sqlite = "org.sqlite.tmpdir";
    String oldJavacpp = System.getProperty(javacpp);
    String oldSqlite = System.getProperty(sqlite);
    try {
      System.clearProperty(javacpp);
      System.setProperty(sqlite, "/chosen/by/user");
      UserCache.configure();
      assertThat(Path.of(System.getProperty(javacpp)))
          .isEqualTo(UserCache.folder().resolve("javacpp"))
          .as("created: SQLite JDBC, for one, fails to load into a missing folder")
          .isDirectory();
      assertThat(System.getProperty(sqlite)).isEqualTo("/chosen/by/user");
      assertThat(UserCache.EXTRACTING_LIBRARIES.keySet()).contains("jna.tmpdir", "DJL_CACHE_DIR");
    } finally {
      restore(javacpp, oldJavacpp);
      restore(sqlite, oldSqlite);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
