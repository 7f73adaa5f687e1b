package org.sentio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sentio.affect.cache.CacheStats;
import org.sentio.affect.cache.FeatureCache;
import org.sentio.app.CacheSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio cache stats|clear|size}: the feature cache in the data folder. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = {
      "The feature cache: faces, voice, recognised words and speaker turns computed for a"
          + " recording, kept by its content, the settings and the models used, so that analysing"
          + " it again (e.g. after a fusion-model or window change) skips what is unchanged.",
      "It lives in feature-cache/ in the data folder; its size is set in cache.properties, in"
          + " Settings or with 'sentio cache size MB'."
    },
    subcommands = {CacheCommand.Stats.class, CacheCommand.Clear.class, CacheCommand.Size.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:internal error", "2:bad input (the message names it)"})
public final class CacheCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError("cache: say stats, clear or size (see sentio cache --help)");
  }

  /** {@code sentio cache stats}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description =
          "Hits and misses per level (memory, disk) and kind since the cache was last cleared,"
              + " with the entries and bytes held on disk.")
  static final class Stats implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      CacheSettings settings = CacheSettings.load(common.dataDirectory());
      CacheStats stats;
      try (FeatureCache cache =
          FeatureCache.open(
              CacheSettings.folder(common.dataDirectory()),
              Math.max(settings.maxBytes(), 1),
              line -> System.err.println("warning: " + line))) {
        stats = cache.stats();
      }
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(asJson(settings, stats)));
      } else {
        print(settings, stats);
      }
      return 0;
    }

    private static Map<String, Object> asJson(CacheSettings settings, CacheStats stats) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("index", stats.index());
      out.put("maxBytes", settings.maxBytes());
      out.put("enabled", settings.maxMegabytes() > 0);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (CacheStats.Row row : stats.rows()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("level", row.level().id());
        r.put("kind", row.kind().id());
        r.put("hits", row.hits());
        r.put("misses", row.misses());
        r.put("corrupt", row.corrupt());
        r.put("evicted", row.evicted());
        r.put("entries", row.entries());
        r.put("bytes", row.bytes());
        rows.add(r);
      }
      out.put("rows", rows);
      return out;
    }

    private static void print(CacheSettings settings, CacheStats stats) {
      System.out.printf(
          Locale.ROOT,
          "feature cache %s: %s, bound %d MB%n",
          stats.index(),
          settings.maxMegabytes() > 0 ? "on" : "off",
          settings.maxMegabytes());
      System.out.printf(
          Locale.ROOT,
          "%-7s %-9s %8s %8s %8s %8s %8s %12s%n",
          "level",
          "kind",
          "hits",
          "misses",
          "corrupt",
          "evicted",
          "entries",
          "bytes");
      for (CacheStats.Row row : stats.rows()) {
        if (row.level() == org.sentio.affect.cache.CacheLevel.MEMORY
            && row.entries() == 0
            && row.hits() == 0
            && row.misses() == 0) {
          continue;
        }
        System.out.printf(
            Locale.ROOT,
            "%-7s %-9s %8d %8d %8d %8d %8d %12d%n",
            row.level().id(),
            row.kind().id(),
            row.hits(),
            row.misses(),
            row.corrupt(),
            row.evicted(),
            row.entries(),
            row.bytes());
      }
      System.out.printf(
          Locale.ROOT,
          "total: %d hits, %d misses on disk, %d entries, %d bytes%n",
          stats.hits(),
          stats.misses(org.sentio.affect.cache.CacheLevel.DISK),
          stats.entries(org.sentio.affect.cache.CacheLevel.DISK),
          stats.bytes(org.sentio.affect.cache.CacheLevel.DISK));
    }
  }

  /** {@code sentio cache clear}. */
  @Command(
      name = "clear",
      mixinStandardHelpOptions = true,
      description = "Drops every cached feature and the counters; stored sessions are untouched.")
  static final class Clear implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      try (FeatureCache cache =
          FeatureCache.open(
              CacheSettings.folder(common.dataDirectory()),
              Long.MAX_VALUE,
              line -> System.err.println("warning: " + line))) {
        long entries = cache.stats().entries(org.sentio.affect.cache.CacheLevel.DISK);
        cache.clear();
        System.out.println("feature cache cleared: " + entries + " entries dropped");
      }
      return 0;
    }
  }

  /** {@code sentio cache size [MB]}. */
  @Command(
      name = "size",
      mixinStandardHelpOptions = true,
      description =
          "Prints the cache's size bound, or sets it (megabytes on disk; 0 turns the cache off).")
  static final class Size implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "MB", description = "The new bound in megabytes.")
    String megabytes;

    @Override
    public Integer call() throws UserError {
      if (megabytes == null) {
        System.out.println(CacheSettings.load(common.dataDirectory()).maxMegabytes() + " MB");
        return 0;
      }
      CacheSettings settings;
      try {
        settings = new CacheSettings(Integer.parseInt(megabytes.trim()));
      } catch (NumberFormatException e) {
        throw new UserError(
            "cache size: '" + megabytes + "' is not a whole number of megabytes; give e.g. 512", e);
      } catch (IllegalArgumentException e) {
        throw new UserError("cache size: " + e.getMessage(), e);
      }
      try {
        settings.save(common.dataDirectory());
      } catch (IOException e) {
        throw new UserError(
            "cache size: cannot write "
                + common.dataDirectory().resolve(CacheSettings.FILE)
                + " ("
                + e.getMessage()
                + "); check that the data folder is writable",
            e);
      }
      System.out.println(
          "feature cache bound: "
              + settings.maxMegabytes()
              + " MB"
              + (settings.maxMegabytes() == 0 ? " (off)" : "")
              + "; entries beyond it go, least recently used first, at the next analysis");
      return 0;
    }
  }
}
