package org.sentio.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Sentio keeps its store: {@code --data-dir}, else {@code $SENTIO_DATA_DIR}, else the
 * platform's per-user data folder ({@code $XDG_DATA_HOME/sentio} or {@code ~/.local/share/sentio}
 * on Linux, {@code %APPDATA%\Sentio} on Windows, {@code ~/Library/Application Support/Sentio} on
 * macOS).
 */
public final class DataDirectory {
  public static final String ENVIRONMENT_VARIABLE = "SENTIO_DATA_DIR";

  private DataDirectory() {}

  public static Path resolve(Path override) {
    return resolve(override, System.getenv(), System.getProperty("os.name"), userHome());
  }

  static Path resolve(Path override, Map<String, String> env, String osName, Path home) {
    if (override != null) {
      return override.toAbsolutePath();
    }
    String fromEnv = env.get(ENVIRONMENT_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String appData = env.get("APPDATA");
      Path base =
          appData != null && !appData.isBlank()
              ? Path.of(appData)
              : home.resolve("AppData").resolve("Roaming");
      return base.resolve("Sentio");
    }
    if (os.startsWith("mac")) {
      return home.resolve("Library").resolve("Application Support").resolve("Sentio");
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg).resolve("sentio");
    }
    return home.resolve(".local").resolve("share").resolve("sentio");
  }

  /** {@code $HOME} where the platform sets it (Java's user.home ignores it), else user.home. */
  static Path userHome() {
    String home = System.getenv("HOME");
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    return !windows && home != null && !home.isBlank()
        ? Path.of(home)
        : Path.of(System.getProperty("user.home"));
  }
}
