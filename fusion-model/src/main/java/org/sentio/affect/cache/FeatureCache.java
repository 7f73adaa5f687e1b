package org.sentio.affect.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.sentio.affect.speech.RecognizedWord;

/**
 * The feature cache: a bounded memory level (Caffeine) in front of a bounded disk level (an SQLite
 * file of its own in the data folder). A lookup tries memory, then disk (a disk hit is copied into
 * memory); a store writes both. A damaged entry is dropped and reported as a miss, so the caller
 * recomputes it; a disk level that cannot be opened or written is given up with one warning and the
 * analysis goes on with memory alone. Thread-safe.
 */
public final class FeatureCache implements AutoCloseable {
  /** The index file's name in the cache folder. */
  public static final String INDEX_FILE = "feature-cache.db";

  /** The default disk bound: enough for a few hundred hour-long sessions' features. */
  public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

  private static final long MEMORY_CAP_BYTES = 64L * 1024 * 1024;
  private static final String HIT = "hit";
  private static final String MISS = "miss";
  private static final String CORRUPT = "corrupt";
  private static final String EVICTED = "evicted";

  private final Cache<FeatureKey, byte[]> memory;
  private final long memoryBytes;
  private final Consumer<String> warnings;
  private final Map<CacheLevel, Map<FeatureKind, Map<String, Long>>> processCounts =
      new EnumMap<>(CacheLevel.class);
  private DiskLevel disk;

  private FeatureCache(long memoryBytes, DiskLevel disk, Consumer<String> warnings) {
    this.memoryBytes = memoryBytes;
    this.memory =
        memoryBytes <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(memoryBytes)
                .<FeatureKey, byte[]>weigher((key, value) -> value.length)
                .executor(Runnable::run)
                .build();
    this.disk = disk;
    this.warnings = warnings;
  }

  /** A cache that holds nothing: every lookup misses and nothing is stored or counted. */
  public static FeatureCache off() {
    return new FeatureCache(0, null, line -> {});
  }

  /**
   * The cache kept in {@code folder} ({@value #INDEX_FILE}), bounded to {@code maxBytes} on disk;
   * the memory level holds a quarter of that, at most 64 MiB.
   *
   * @param warnings receives one line when the folder cannot be used (the cache then lives in
   *     memory only)
   */
  public static FeatureCache open(Path folder, long maxBytes, Consumer<String> warnings) {
    return open(folder, maxBytes, Math.min(maxBytes / 4, MEMORY_CAP_BYTES), warnings);
  }

  /** The cache as {@link #open(Path, long, Consumer)} makes it, with its memory bound given. */
  public static FeatureCache open(
      Path folder, long maxBytes, long memoryBytes, Consumer<String> warnings) {
    if (maxBytes <= 0) {
      return off();
    }
    Path file = folder.resolve(INDEX_FILE);
    try {
      Files.createDirectories(folder);
      return new FeatureCache(memoryBytes, DiskLevel.open(file, maxBytes), warnings);
    } catch (IOException | SQLException | RuntimeException e) {
      warnings.accept(
          "feature cache: cannot use "
              + file
              + " ("
              + oneLine(e)
              + "); analysing without a disk cache, check that the data folder is writable");
      return new FeatureCache(memoryBytes, null, warnings);
    }
  }

  /** Whether anything is kept at all. */
  public boolean enabled() {
    return memory != null || disk != null;
  }

  public Optional<StreamFacts> stream(FeatureKey key) {
    return get(key, FeatureKind.STREAM, FeatureCodec::readStream);
  }

  public void putStream(FeatureKey key, StreamFacts facts) {
    put(key, FeatureKind.STREAM, FeatureCodec::writeStream, facts);
  }

  public Optional<List<FaceFrame>> faces(FeatureKey key) {
    return get(key, FeatureKind.FACE, FeatureCodec::readFaces);
  }

  public void putFaces(FeatureKey key, List<FaceFrame> frames) {
    put(key, FeatureKind.FACE, FeatureCodec::writeFaces, frames);
  }

  public Optional<VoiceFeatures> voice(FeatureKey key) {
    return get(key, FeatureKind.VOICE, FeatureCodec::readVoice);
  }

  public void putVoice(FeatureKey key, VoiceFeatures voice) {
    put(key, FeatureKind.VOICE, FeatureCodec::writeVoice, voice);
  }

  public Optional<List<RecognizedWord>> words(FeatureKey key) {
    return get(key, FeatureKind.WORDS, FeatureCodec::readWords);
  }

  public void putWords(FeatureKey key, List<RecognizedWord> words) {
    put(key, FeatureKind.WORDS, FeatureCodec::writeWords, words);
  }

  public Optional<SpeakerLabels> speakers(FeatureKey key) {
    return get(key, FeatureKind.SPEAKERS, FeatureCodec::readSpeakers);
  }

  public void putSpeakers(FeatureKey key, SpeakerLabels labels) {
    put(key, FeatureKind.SPEAKERS, FeatureCodec::writeSpeakers, labels);
  }

  private <T> Optional<T> get(FeatureKey key, FeatureKind kind, FeatureCodec.Reader<T> reader) {
    requireKind(key, kind);
    if (!enabled()) {
      return Optional.empty();
    }
    byte[] held = memory == null ? null : memory.getIfPresent(key);
    if (held != null) {
      Optional<T> value = decode(key, reader, held, CacheLevel.MEMORY);
      if (value.isPresent()) {
        return value;
      }
    } else if (memory != null) {
      count(CacheLevel.MEMORY, kind, MISS, 1);
    }
    DiskLevel level = disk;
    if (level == null) {
      return Optional.empty();
    }
    try {
      Optional<byte[]> stored = level.get(key);
      if (stored.isEmpty()) {
        count(CacheLevel.DISK, kind, MISS, 1);
        return Optional.empty();
      }
      Optional<T> value = decode(key, reader, stored.get(), CacheLevel.DISK);
      if (value.isPresent() && memory != null) {
        memory.put(key, stored.get());
      }
      return value;
    } catch (CorruptEntryException e) {
      corrupt(key, CacheLevel.DISK, e);
      return Optional.empty();
    } catch (SQLException e) {
      giveUpDisk(e);
      return Optional.empty();
    }
  }

  private <T> Optional<T> decode(
      FeatureKey key, FeatureCodec.Reader<T> reader, byte[] payload, CacheLevel level) {
    try {
      T value = FeatureCodec.decode(reader, payload);
      count(level, key.kind(), HIT, 1);
      return Optional.of(value);
    } catch (CorruptEntryException e) {
      corrupt(key, level, e);
      return Optional.empty();
    }
  }

  /** Drops a damaged entry from both levels; the caller then recomputes it. */
  private void corrupt(FeatureKey key, CacheLevel level, CorruptEntryException e) {
    count(level, key.kind(), CORRUPT, 1);
    count(level, key.kind(), MISS, 1);
    warnings.accept(
        "feature cache: a damaged "
            + key.kind().id()
            + " entry was dropped and is being recomputed ("
            + e.getMessage()
            + ")");
    if (memory != null) {
      memory.invalidate(key);
    }
    DiskLevel stored = disk;
    if (stored != null) {
      try {
        stored.remove(key);
      } catch (SQLException failure) {
        giveUpDisk(failure);
      }
    }
  }

  private <T> void put(FeatureKey key, FeatureKind kind, FeatureCodec.Writer<T> writer, T value) {
    requireKind(key, kind);
    if (!enabled()) {
      return;
    }
    byte[] payload = FeatureCodec.encode(writer, value);
    if (memory != null) {
      memory.put(key, payload);
    }
    DiskLevel level = disk;
    if (level != null) {
      try {
        for (FeatureKind evicted : level.put(key, payload)) {
          count(CacheLevel.DISK, evicted, EVICTED, 1);
        }
      } catch (SQLException e) {
        giveUpDisk(e);
      }
    }
  }

  private static void requireKind(FeatureKey key, FeatureKind kind) {
    if (key.kind() != kind) {
      throw new IllegalArgumentException("a " + key.kind().id() + " key used for " + kind.id());
    }
  }

  private synchronized void giveUpDisk(SQLException e) {
    DiskLevel level = disk;
    if (level == null) {
      return;
    }
    disk = null;
    warnings.accept(
        "feature cache: cannot write "
            + level.file()
            + " ("
            + oneLine(e)
            + "); going on without a disk cache");
    try {
      level.close();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  private void count(CacheLevel level, FeatureKind kind, String outcome, long n) {
    synchronized (processCounts) {
      processCounts
          .computeIfAbsent(level, l -> new EnumMap<>(FeatureKind.class))
          .computeIfAbsent(kind, k -> new java.util.HashMap<>())
          .merge(outcome, n, Long::sum);
    }
    DiskLevel stored = disk;
    if (stored != null) {
      try {
        stored.count(level, kind, outcome, n);
      } catch (SQLException e) {
        giveUpDisk(e);
      }
    }
  }

  /**
   * The counters of every process that used this cache folder since it was last cleared (of this
   * process when there is no disk level), with what each level holds now.
   */
  public CacheStats stats() {
    DiskLevel level = disk;
    Map<CacheLevel, Map<FeatureKind, Map<String, Long>>> counts;
    Map<FeatureKind, long[]> held = new EnumMap<>(FeatureKind.class);
    if (level != null) {
      try {
        counts = level.counters();
        held = level.holdings();
      } catch (SQLException e) {
        giveUpDisk(e);
        return stats();
      }
    } else {
      counts = processCounts();
    }
    return assemble(counts, held, level);
  }

  /** The counters of this process alone, e.g. to say what one analysis found. */
  public CacheStats processStats() {
    DiskLevel level = disk;
    return assemble(processCounts(), new EnumMap<>(FeatureKind.class), level);
  }

  private Map<CacheLevel, Map<FeatureKind, Map<String, Long>>> processCounts() {
    synchronized (processCounts) {
      Map<CacheLevel, Map<FeatureKind, Map<String, Long>>> copy = new EnumMap<>(CacheLevel.class);
      processCounts.forEach(
          (level, kinds) -> {
            Map<FeatureKind, Map<String, Long>> k = new EnumMap<>(FeatureKind.class);
            kinds.forEach((kind, outcomes) -> k.put(kind, new java.util.HashMap<>(outcomes)));
            copy.put(level, k);
          });
      return copy;
    }
  }

  private CacheStats assemble(
      Map<CacheLevel, Map<FeatureKind, Map<String, Long>>> counts,
      Map<FeatureKind, long[]> held,
      DiskLevel level) {
    Map<FeatureKind, long[]> inMemory = new EnumMap<>(FeatureKind.class);
    if (memory != null) {
      memory.cleanUp();
      memory
          .asMap()
          .forEach(
              (key, bytes) -> {
                long[] h = inMemory.computeIfAbsent(key.kind(), k -> new long[2]);
                h[0]++;
                h[1] += bytes.length;
              });
    }
    List<CacheStats.Row> rows = new ArrayList<>();
    for (CacheLevel l : CacheLevel.values()) {
      for (FeatureKind kind : FeatureKind.values()) {
        Map<String, Long> c = counts.getOrDefault(l, Map.of()).getOrDefault(kind, Map.of());
        long[] h = (l == CacheLevel.DISK ? held : inMemory).getOrDefault(kind, new long[2]);
        rows.add(
            new CacheStats.Row(
                l,
                kind,
                c.getOrDefault(HIT, 0L),
                c.getOrDefault(MISS, 0L),
                c.getOrDefault(CORRUPT, 0L),
                c.getOrDefault(EVICTED, 0L),
                h[0],
                h[1]));
      }
    }
    return new CacheStats(
        rows,
        level != null ? level.maxBytes() : memoryBytes,
        level != null ? level.file().toString() : null);
  }

  /** Drops every entry of both levels and the counters. */
  public void clear() {
    if (memory != null) {
      memory.invalidateAll();
    }
    synchronized (processCounts) {
      processCounts.clear();
    }
    DiskLevel level = disk;
    if (level != null) {
      try {
        level.clear();
      } catch (SQLException e) {
        giveUpDisk(e);
      }
    }
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  @Override
  public synchronized void close() {
    if (memory != null) {
      memory.invalidateAll();
    }
    DiskLevel level = disk;
    disk = null;
    if (level != null) {
      try {
        level.close();
      } catch (SQLException e) {
        warnings.accept("feature cache: closing " + level.file() + " failed (" + oneLine(e) + ")");
      }
    }
  }
}
