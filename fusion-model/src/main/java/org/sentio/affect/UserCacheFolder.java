package org.sentio.affect;

import java.nio.file.Path;

/** Where the trainers keep what they measured once: the user's cache, as the XDG spec puts it. */
public final class UserCacheFolder {
  private UserCacheFolder() {}

  /** {@code $XDG_CACHE_HOME/sentio/NAME}, or {@code ~/.cache/sentio/NAME} when it is not set. */
  public static Path of(String name) {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("sentio").resolve(name);
  }
}
