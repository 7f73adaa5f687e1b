package org.sentio.affect.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.speech.RecognizedWord;

/**
 * The two levels on their own, on a real index file: least-recently-used eviction at a small bound,
 * entries that pass their checksum but cannot be read, and {@code clear}.
 */
class FeatureCacheTest {
  private static final int WORDS_PER_ENTRY = 40;

  /** Recognised words whose entry is about 1.3 KB, distinct per {@code n}. */
  private static List<RecognizedWord> words(int n) {
    List<RecognizedWord> words = new ArrayList<>();
    for (int i = 0; i < WORDS_PER_ENTRY; i++) {
      words.add(new RecognizedWord("word" + n + "-" + i, i * 0.5, i * 0.5 + 0.4, 0.9));
    }
    return words;
  }

  private static FeatureKey key(int n) {
    return FeatureKey.of(FeatureKind.WORDS, "media-" + n).model("asr", "sha").build();
  }

  @Test
  void theLeastRecentlyUsedEntriesGoFirstWhenTheFileOutgrowsItsBound(@TempDir Path folder) {
    int entryBytes = FeatureCodec.encode(FeatureCodec::writeWords, words(0)).length;
    long bound = 3L * entryBytes + entryBytes / 2;
    try (FeatureCache cache = FeatureCache.open(folder, bound, 0, line -> {})) {
      cache.putWords(key(1), words(1));
      cache.putWords(key(2), words(2));
      cache.putWords(key(3), words(3));
      assertThat(cache.words(key(1))).contains(words(1));
      cache.putWords(key(4), words(4));

      assertThat(cache.words(key(2))).as("least recently used: evicted").isEmpty();
      assertThat(cache.words(key(1))).contains(words(1));
      assertThat(cache.words(key(3))).contains(words(3));
      assertThat(cache.words(key(4))).contains(words(4));
      CacheStats stats = cache.stats();
      assertThat(stats.evicted()).isEqualTo(1);
      assertThat(stats.entries(CacheLevel.DISK)).isEqualTo(3);
      assertThat(stats.bytes(CacheLevel.DISK)).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void theMemoryLevelAnswersBeforeTheDiskAndADiskHitIsCopiedIntoMemory(@TempDir Path folder) {
    try (FeatureCache writer = FeatureCache.open(folder, 1 << 20, line -> {})) {
      writer.putWords(key(1), words(1));
    }
    try (FeatureCache reader = FeatureCache.open(folder, 1 << 20, line -> {})) {
      assertThat(reader.words(key(1))).contains(words(1));
      assertThat(reader.words(key(1))).contains(words(1));
      CacheStats stats = reader.processStats();
      assertThat(stats.hits(CacheLevel.DISK, FeatureKind.WORDS)).isEqualTo(1);
      assertThat(stats.hits(CacheLevel.MEMORY, FeatureKind.WORDS)).isEqualTo(1);
      assertThat(stats.misses(CacheLevel.MEMORY)).isEqualTo(1);
      assertThat(reader.stats().entries(CacheLevel.MEMORY)).isEqualTo(1);
    }
  }

  @Test
  void anEntryWithAMatchingChecksumButUnreadableBytesIsAMiss(@TempDir Path folder)
      throws Exception {
    try (FeatureCache cache = FeatureCache.open(folder, 1 << 20, 0, line -> {})) {
      cache.putWords(key(1), words(1));
    }
    byte[] truncated = new byte[] {0, 0, 0, 40, 0, 3, 'a'};
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(FeatureCache.INDEX_FILE));
        PreparedStatement update =
            db.prepareStatement("UPDATE entries SET payload = ?, sha256 = ?, bytes = ?")) {
      update.setBytes(1, truncated);
      update.setString(2, FeatureKey.Digests.sha256(truncated));
      update.setLong(3, truncated.length);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    List<String> warnings = new ArrayList<>();
    try (FeatureCache cache = FeatureCache.open(folder, 1 << 20, 0, warnings::add)) {
      assertThat(cache.words(key(1))).isEmpty();
      assertThat(cache.stats().corrupt()).isEqualTo(1);
      assertThat(cache.stats().entries(CacheLevel.DISK)).as("the damaged row is gone").isZero();
    }
    assertThat(warnings).singleElement().asString().contains("damaged words entry");
  }

  @Test
  void clearEmptiesBothLevelsAndTheCounters(@TempDir Path folder) throws Exception {
    try (FeatureCache cache = FeatureCache.open(folder, 1 << 20, line -> {})) {
      cache.putWords(key(1), words(1));
      cache.words(key(1));
      cache.clear();
      assertThat(cache.words(key(1))).isEmpty();
      CacheStats stats = cache.stats();
      assertThat(stats.entries(CacheLevel.DISK)).isZero();
      assertThat(stats.hits()).isZero();
    }
    assertThat(Files.size(folder.resolve(FeatureCache.INDEX_FILE))).isPositive();
  }

  @Test
  void aKeyDependsOnEverySettingAndModelButNotOnTheirOrder() {
    FeatureKey a =
        FeatureKey.of(FeatureKind.FACE, "h")
            .setting("fps", 5.0)
            .model("m1", "a")
            .model("m2", "b")
            .build();
    FeatureKey b =
        FeatureKey.of(FeatureKind.FACE, "h")
            .model("m2", "b")
            .model("m1", "a")
            .setting("fps", 5.0)
            .build();
    assertThat(a).isEqualTo(b);
    assertThat(
            FeatureKey.of(FeatureKind.FACE, "h")
                .setting("fps", 5.0000001)
                .model("m1", "a")
                .model("m2", "b")
                .build())
        .isNotEqualTo(a);
    assertThat(
            FeatureKey.of(FeatureKind.FACE, "h")
                .setting("fps", 5.0)
                .model("m1", "a")
                .model("m2", "c")
                .build())
        .isNotEqualTo(a);
    assertThat(
            FeatureKey.of(FeatureKind.FACE, "other")
                .setting("fps", 5.0)
                .model("m1", "a")
                .model("m2", "b")
                .build())
        .isNotEqualTo(a);
  }
}
