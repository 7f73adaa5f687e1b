package org.sentio.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installation folder that holds {@code resources/} (models, lexicons, the demo session): the
 * system property {@code sentio.home}, else {@code $SENTIO_HOME}, else the nearest folder above
 * Sentio's own code that has {@code resources/models}.
 */
public final class SentioHome {
  public static final String PROPERTY = "sentio.home";

  private SentioHome() {}

  /** The installation folder, or the working directory when none can be found. */
  public static Path locate() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    String env = System.getenv("SENTIO_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    try {
      Path code =
          Path.of(SentioHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = code; dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir.resolve("resources").resolve("models"))) {
          return dir;
        }
      }
    } catch (URISyntaxException | SecurityException e) {
      return Path.of("").toAbsolutePath();
    }
    return Path.of("").toAbsolutePath();
  }

  public static Path modelsDirectory() {
    return locate().resolve("resources").resolve("models");
  }

  /** What a user does when a shipped model is missing or altered. */
  public static String restoreHint() {
    return "reinstall Sentio, or in a source checkout run scripts/convert-models.sh"
        + " (or git checkout resources/models)";
  }
}
