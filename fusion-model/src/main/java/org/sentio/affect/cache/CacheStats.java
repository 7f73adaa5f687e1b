package org.sentio.affect.cache;

import java.util.List;

/**
 * What the cache holds and how often it served, per level and kind.
 *
 * @param rows one row per level and kind
 * @param maxBytes the size bound of the disk level (of the memory level when there is no disk)
 * @param index the index file, or {@code null} when the cache has no disk level
 */
public record CacheStats(List<Row> rows, long maxBytes, String index) {
  public CacheStats {
    rows = List.copyOf(rows);
  }

  /**
   * @param hits lookups that found a readable entry
   * @param misses lookups that found none (a corrupt entry counts as a miss too)
   * @param corrupt entries found damaged, dropped and recomputed
   * @param evicted entries dropped to stay within the size bound
   * @param entries entries held now
   * @param bytes bytes held now
   */
  public record Row(
      CacheLevel level,
      FeatureKind kind,
      long hits,
      long misses,
      long corrupt,
      long evicted,
      long entries,
      long bytes) {}

  /** The hits of one level and kind. */
  public long hits(CacheLevel level, FeatureKind kind) {
    return rows.stream()
        .filter(r -> r.level() == level && r.kind() == kind)
        .mapToLong(Row::hits)
        .sum();
  }

  /** The hits of every level and kind. */
  public long hits() {
    return rows.stream().mapToLong(Row::hits).sum();
  }

  public long misses(CacheLevel level) {
    return rows.stream().filter(r -> r.level() == level).mapToLong(Row::misses).sum();
  }

  public long entries(CacheLevel level) {
    return rows.stream().filter(r -> r.level() == level).mapToLong(Row::entries).sum();
  }

  public long bytes(CacheLevel level) {
    return rows.stream().filter(r -> r.level() == level).mapToLong(Row::bytes).sum();
  }

  public long corrupt() {
    return rows.stream().mapToLong(Row::corrupt).sum();
  }

  public long evicted() {
    return rows.stream().mapToLong(Row::evicted).sum();
  }
}
