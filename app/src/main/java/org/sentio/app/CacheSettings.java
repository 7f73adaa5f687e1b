package org.sentio.app;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Consumer;
import org.sentio.affect.cache.FeatureCache;

/**
 * The feature cache's settings, kept in {@code cache.properties} in the data folder: its size bound
 * on disk in megabytes ({@code maxMegabytes}, default 512; 0 turns the cache off). The cache itself
 * lives in {@code feature-cache/} in the data folder (docs/decisions/0024-feature-cache.md).
 *
 * @param maxMegabytes the disk bound, 0 to {@link #MAX_MEGABYTES}
 */
public record CacheSettings(int maxMegabytes) {
  public static final String FILE = "cache.properties";
  public static final String FOLDER = "feature-cache";
  public static final int MAX_MEGABYTES = 100_000;
  public static final CacheSettings DEFAULT =
      new CacheSettings((int) (FeatureCache.DEFAULT_MAX_BYTES / (1024 * 1024)));

  public CacheSettings {
    if (maxMegabytes < 0 || maxMegabytes > MAX_MEGABYTES) {
      throw new IllegalArgumentException(
          "the feature cache size must be 0 (off) to "
              + MAX_MEGABYTES
              + " MB, not "
              + maxMegabytes);
    }
  }

  /**
   * The settings in {@code dataDirectory}, or the defaults where the file is missing, unreadable or
   * holds a value out of range.
   */
  public static CacheSettings load(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return DEFAULT;
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
      return new CacheSettings(
          Integer.parseInt(
              p.getProperty("maxMegabytes", String.valueOf(DEFAULT.maxMegabytes())).trim()));
    } catch (IOException | IllegalArgumentException e) {
      // A damaged settings file falls back to the default size; nothing stored depends on it.
      return DEFAULT;
    }
  }

  /** Writes the settings to {@code dataDirectory}. */
  public void save(Path dataDirectory) throws IOException {
    Properties p = new Properties();
    p.setProperty("maxMegabytes", String.valueOf(maxMegabytes));
    Files.createDirectories(dataDirectory);
    Path tmp = dataDirectory.resolve(FILE + ".tmp");
    try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(writer, "Sentio feature cache settings (maxMegabytes 0 turns the cache off)");
    }
    Files.move(
        tmp,
        dataDirectory.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  public long maxBytes() {
    return maxMegabytes * 1024L * 1024L;
  }

  /** The cache folder in {@code dataDirectory}. */
  public static Path folder(Path dataDirectory) {
    return dataDirectory.resolve(FOLDER);
  }

  /**
   * Opens the cache in {@code dataDirectory} with this bound ({@link FeatureCache#off()} at 0).
   *
   * @param warnings receives one line when the folder cannot be used
   */
  public FeatureCache open(Path dataDirectory, Consumer<String> warnings) {
    return maxMegabytes == 0
        ? FeatureCache.off()
        : FeatureCache.open(folder(dataDirectory), maxBytes(), warnings);
  }
}
