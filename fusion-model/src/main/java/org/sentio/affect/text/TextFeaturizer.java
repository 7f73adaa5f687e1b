package org.sentio.affect.text;

import com.huaban.analysis.jieba.JiebaSegmenter;
import com.huaban.analysis.jieba.SegToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one utterance into the hashed bag-of-n-grams vector the text-affect models read.
 *
 * <ul>
 *   <li><b>English</b>: {@link Tokenizer}'s lower-case words; features are words, adjacent word
 *       pairs, and the exclamation and question marks.
 *   <li><b>Chinese</b>: words from jieba-analysis (search mode, its bundled dictionary), adjacent
 *       word pairs, and character bigrams of the Han text (robust to segmentation errors); Weibo
 *       {@code [emoji]} tags come through as words.
 *   <li><b>Negation marking</b> (when on): a negator (English: not, no, never, nothing, nobody,
 *       none, neither, nor, cannot, without, any word in n't; Chinese: 不, 没, 没有, 别, 不是, 无) prefixes
 *       the next {@value #NEGATION_SCOPE} words (up to punctuation) with {@code not_}, so "not
 *       happy" gives the feature {@code not_happy} instead of {@code happy}.
 * </ul>
 *
 * <p>Each feature string is hashed with 32-bit FNV-1a over its UTF-8 bytes into {@value #DIMENSION}
 * buckets; a bucket's value is 1 + ln(count), and the vector is scaled to unit length.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class TextFeaturizer {
  public static final int DIMENSION = 1 << 15;
  public static final int NEGATION_SCOPE = 3;

  private static final Set<String> ENGLISH_NEGATORS =
      Set.of(
          "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "without");
  private static final Set<String> CHINESE_NEGATORS = Set.of("不", "没", "没有", "别", "不是", "无");
  private static final String CHINESE_PUNCTUATION =
      "\uff0c\u3002\uff01\uff1f\uff1b\uff1a\u3001\u2026\uff08\uff09,.!?;:()\"\u201c\u201d~\uff5e";

  private final Language language;
  private final boolean negationMarking;

  public TextFeaturizer(Language language, boolean negationMarking) {
    if (language == Language.OTHER) {
      throw new IllegalArgumentException("no text features for other languages");
    }
    this.language = language;
    this.negationMarking = negationMarking;
  }

  public Language language() {
    return language;
  }

  public boolean negationMarking() {
    return negationMarking;
  }

  /** A sparse vector: bucket indices (ascending, distinct) and their values. */
  public record Sparse(int[] indices, float[] values) {
    /** The dense vector of length {@link #DIMENSION}. */
    public float[] dense() {
      float[] out = new float[DIMENSION];
      for (int k = 0; k < indices.length; k++) {
        out[indices[k]] = values[k];
      }
      return out;
    }
  }

  /** The feature strings of an utterance (before hashing), in order. */
  public List<String> features(String text) {
    return language == Language.EN ? english(text) : chinese(text);
  }

  public Sparse vector(String text) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (String feature : features(text)) {
      counts.merge(bucket(feature), 1, Integer::sum);
    }
    int[] indices = new int[counts.size()];
    float[] values = new float[counts.size()];
    double norm = 0;
    int k = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      indices[k] = e.getKey();
      values[k] = (float) (1 + Math.log(e.getValue()));
      norm += values[k] * values[k];
      k++;
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < values.length; i++) {
        values[i] *= scale;
      }
    }
    return new Sparse(indices, values);
  }

  /** 32-bit FNV-1a of the UTF-8 bytes, reduced to a bucket. */
  static int bucket(String feature) {
    int hash = 0x811c9dc5;
    for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Integer.remainderUnsigned(hash, DIMENSION);
  }

  private List<String> english(String text) {
    List<String> words = new ArrayList<>();
    List<String> features = new ArrayList<>();
    int scope = 0;
    for (Tokenizer.Token token : Tokenizer.englishTokens(text)) {
      if (token.boundary()) {
        scope = 0;
        if (token.text().equals("!") || token.text().equals("?")) {
          features.add("p:" + token.text());
        }
        words.add("|");
        continue;
      }
      String word = token.text();
      boolean negator = ENGLISH_NEGATORS.contains(word) || word.endsWith("n't");
      if (negationMarking && scope > 0 && !negator) {
        word = "not_" + word;
        scope--;
      }
      if (negationMarking && negator) {
        scope = NEGATION_SCOPE;
      }
      words.add(word);
    }
    addWordsAndPairs(words, features);
    return features;
  }

  private List<String> chinese(String text) {
    List<String> words = new ArrayList<>();
    List<String> features = new ArrayList<>();
    int scope = 0;
    for (SegToken token : Jieba.INSTANCE.process(text, JiebaSegmenter.SegMode.INDEX)) {
      String word = token.word.trim().toLowerCase(Locale.ROOT);
      if (word.isEmpty()) {
        continue;
      }
      if (word.length() == 1 && CHINESE_PUNCTUATION.indexOf(word.charAt(0)) >= 0) {
        scope = 0;
        if (word.equals("!")
            || word.equals("\uff01")
            || word.equals("?")
            || word.equals("\uff1f")) {
          features.add("p:" + (word.equals("\uff01") ? "!" : word.equals("\uff1f") ? "?" : word));
        }
        words.add("|");
        continue;
      }
      boolean negator = CHINESE_NEGATORS.contains(word);
      if (negationMarking && scope > 0 && !negator) {
        word = "not_" + word;
        scope--;
      }
      if (negationMarking && negator) {
        scope = NEGATION_SCOPE;
      }
      words.add(word);
    }
    addWordsAndPairs(words, features);
    StringBuilder han = new StringBuilder();
    text.codePoints()
        .filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
        .forEach(han::appendCodePoint);
    String h = han.toString();
    for (int i = 0; i + 1 < h.length(); i++) {
      features.add("c:" + h.substring(i, i + 2));
    }
    return features;
  }

  private static void addWordsAndPairs(List<String> words, List<String> features) {
    String previous = null;
    for (String word : words) {
      if (word.equals("|")) {
        previous = null;
        continue;
      }
      features.add("w:" + word);
      if (previous != null) {
        features.add("b:" + previous + " " + word);
      }
      previous = word;
    }
  }

  /**
   * One segmenter per process: loading jieba's dictionary takes a few seconds. jieba-analysis 1.0.2
   * prints its load times to System.out, which would corrupt machine-readable output (sentio
   * evaluate --json), so standard output is muted while it loads.
   */
  private static final class Jieba {
    static final JiebaSegmenter INSTANCE = load();

    private static JiebaSegmenter load() {
      synchronized (System.class) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
          JiebaSegmenter segmenter = new JiebaSegmenter();
          segmenter.process("预热", JiebaSegmenter.SegMode.INDEX);
          return segmenter;
        } finally {
          System.setOut(out);
        }
      }
    }
  }
}
