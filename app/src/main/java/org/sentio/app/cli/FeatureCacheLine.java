package org.sentio.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.cache.CacheLevel;
import org.sentio.affect.cache.CacheStats;
import org.sentio.affect.cache.FeatureKind;

/** The one line an analysis prints about what it found in the feature cache. */
final class FeatureCacheLine {
  private FeatureCacheLine() {}

  /** E.g. {@code feature cache: face hit (disk), voice hit (disk), words miss}. */
  static String of(CacheStats before, CacheStats after) {
    List<String> parts = new ArrayList<>();
    for (FeatureKind kind : FeatureKind.values()) {
      if (kind == FeatureKind.STREAM) {
        continue;
      }
      String outcome = null;
      for (CacheLevel level : CacheLevel.values()) {
        if (after.hits(level, kind) > before.hits(level, kind)) {
          outcome = "hit (" + level.id() + ")";
        }
      }
      if (outcome == null && misses(after, kind) > misses(before, kind)) {
        outcome = "miss";
      }
      if (outcome != null) {
        parts.add(kind.id() + " " + outcome);
      }
    }
    return "feature cache: " + (parts.isEmpty() ? "nothing to look up" : String.join(", ", parts));
  }

  private static long misses(CacheStats stats, FeatureKind kind) {
    return stats.rows().stream()
        .filter(r -> r.kind() == kind)
        .mapToLong(CacheStats.Row::misses)
        .sum();
  }
}
