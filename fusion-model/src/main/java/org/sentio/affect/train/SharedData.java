package org.sentio.affect.train;

import java.nio.file.Path;

/** Where the shared labeled data sets live: {@code sentio.shared.dir}, else {@code ../shared}. */
public final class SharedData {
  private SharedData() {}

  /** The shared folder (holding {@code data/}). */
  public static Path root() {
    String property = System.getProperty("sentio.shared.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String repo = System.getProperty("sentio.root.dir");
    return (repo != null ? Path.of(repo) : Path.of("").toAbsolutePath()).resolve("../shared");
  }

  /** The folder of one data set, e.g. {@code speech_ravdess_train}. */
  public static Path dataset(String name) {
    return root().resolve("data").resolve(name).normalize();
  }
}
