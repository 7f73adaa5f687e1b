package org.sentio.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user folder where libraries may unpack what they need at run time ({@code
 * $XDG_CACHE_HOME/sentio} or {@code ~/.cache/sentio} on Linux, {@code %LOCALAPPDATA%\Sentio\cache}
 * on Windows, {@code ~/Library/Caches/Sentio} on macOS). Sentio never writes into its installation
 * folder: an installed copy run as root once left JavaCPP's cache in {@code
 * /opt/sentio/lib/app/native}, files dpkg does not know and could not remove. {@link #configure()}
 * points every library that extracts files there before any of them is first used.
 */
public final class UserCache {
  /** System properties of the libraries that unpack files, and the sub-folder each gets. */
  static final Map<String, String> EXTRACTING_LIBRARIES =
      Map.of(
          "org.bytedeco.javacpp.cachedir", "javacpp", // FFmpeg, OpenCV: libraries, cascades
          "org.sqlite.tmpdir", "sqlite", // SQLite JDBC's native library
          "jna.tmpdir", "jna", // JNA's dispatch library
          "DJL_CACHE_DIR", "djl", // DJL (training): PyTorch natives
          "ENGINE_CACHE_DIR", "djl");

  private UserCache() {}

  /** The cache folder of this user on this OS. */
  public static Path folder() {
    return folder(System.getenv(), System.getProperty("os.name"), DataDirectory.userHome());
  }

  static Path folder(Map<String, String> env, String osName, Path home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      Path base =
          local != null && !local.isBlank()
              ? Path.of(local)
              : home.resolve("AppData").resolve("Local");
      return base.resolve("Sentio").resolve("cache");
    }
    if (os.startsWith("mac")) {
      return home.resolve("Library").resolve("Caches").resolve("Sentio");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg).resolve("sentio");
    }
    return home.resolve(".cache").resolve("sentio");
  }

  /**
   * Sets each extracting library's folder under {@link #folder()}, unless the user set it on the
   * command line, and creates it (SQLite JDBC does not create its folder and then fails to load).
   * Where a folder cannot be created (a read-only home) the library keeps its own default, the temp
   * folder, which is still not the installation folder.
   */
  public static void configure() {
    Path cache = folder();
    EXTRACTING_LIBRARIES.forEach(
        (property, sub) -> {
          if (System.getProperty(property) == null) {
            Path dir = cache.resolve(sub);
            try {
              Files.createDirectories(dir);
              System.setProperty(property, dir.toString());
            } catch (IOException | SecurityException e) {
              // the library's default applies
            }
          }
        });
  }
}
