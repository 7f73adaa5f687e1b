package org.sentio.affect.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeScript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.sentio.affect.Emotion;

/**
 * The cue words, negators and intensifiers of one language, read from two UTF-8 TSV files.
 *
 * <p>Entries file: {@code term<TAB>emotion<TAB>strength<TAB>valence}, emotion in either vocabulary
 * of {@link Emotion#parse}. Modifiers file: {@code term<TAB>NEGATOR} or {@code
 * term<TAB>INTENSIFIER<TAB>factor} (factor above 1 boosts, below 1 softens). In both, lines
 * starting with {@code #} and blank lines are skipped, and the first other line is a column header.
 * A term listed twice is an error, so a typo in a bundled file fails the tests rather than hiding.
 */
public final class Lexicon {
  private static final String RESOURCE_DIR = "/org/sentio/affect/text/";
  private static final Map<Language, Lexicon> BUNDLED =
      Collections.synchronizedMap(new EnumMap<>(Language.class));

  private final Map<String, LexiconEntry> entries;
  private final Set<String> negators;
  private final Map<String, Double> intensifiers;
  private final int longestTerm;

  private Lexicon(
      Map<String, LexiconEntry> entries, Set<String> negators, Map<String, Double> intensifiers) {
    this.entries = Map.copyOf(entries);
    this.negators = Set.copyOf(negators);
    this.intensifiers = Map.copyOf(intensifiers);
    int longest = 1;
    for (String term : entries.keySet()) {
      longest = Math.max(longest, termLength(term));
    }
    for (String term : negators) {
      longest = Math.max(longest, termLength(term));
    }
    for (String term : intensifiers.keySet()) {
      longest = Math.max(longest, termLength(term));
    }
    this.longestTerm = longest;
  }

  /**
   * The lexicon shipped with Sentio for {@code language} ({@code en.tsv} + {@code
   * en-modifiers.tsv}, {@code zh.tsv} + {@code zh-modifiers.tsv}), read once and cached.
   *
   * @throws IllegalArgumentException for {@link Language#OTHER}, which has no lexicon
   */
  public static Lexicon bundled(Language language) {
    if (language == Language.OTHER) {
      throw new IllegalArgumentException("there is no lexicon for language OTHER");
    }
    return BUNDLED.computeIfAbsent(language, Lexicon::loadBundled);
  }

  private static Lexicon loadBundled(Language language) {
    String prefix = language.name().toLowerCase(Locale.ROOT);
    String entries = RESOURCE_DIR + prefix + ".tsv";
    String modifiers = RESOURCE_DIR + prefix + "-modifiers.tsv";
    try (Reader e = open(entries);
        Reader m = open(modifiers)) {
      return read(e, entries, m, modifiers);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the bundled lexicon " + entries, ex);
    }
  }

  private static Reader open(String resource) throws IOException {
    InputStream in = Lexicon.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is missing from the class path (a broken build?)");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /**
   * Reads a lexicon from its two TSV files.
   *
   * @param entriesName and {@code modifiersName} name the sources in error messages
   * @throws IOException when reading fails
   * @throws IllegalArgumentException naming the source and line of a malformed or repeated line
   */
  public static Lexicon read(
      Reader entriesTsv, String entriesName, Reader modifiersTsv, String modifiersName)
      throws IOException {
    Map<String, LexiconEntry> entries = new HashMap<>();
    for (Line line : lines(entriesTsv, entriesName)) {
      if (line.fields.length != 4) {
        throw line.error("expected term, emotion, strength, valence");
      }
      String term = normaliseTerm(line.fields[0]);
      LexiconEntry entry;
      try {
        entry =
            new LexiconEntry(
                term,
                Emotion.parse(line.fields[1]),
                Double.parseDouble(line.fields[2].trim()),
                Double.parseDouble(line.fields[3].trim()));
      } catch (IllegalArgumentException ex) {
        throw line.error(ex.getMessage());
      }
      if (entries.put(term, entry) != null) {
        throw line.error("'" + term + "' is listed twice");
      }
    }
    Set<String> negators = new HashSet<>();
    Map<String, Double> intensifiers = new HashMap<>();
    for (Line line : lines(modifiersTsv, modifiersName)) {
      String term = normaliseTerm(line.fields[0]);
      String kind = line.fields.length > 1 ? line.fields[1].trim() : "";
      boolean fresh;
      if (kind.equals("NEGATOR") && line.fields.length == 2) {
        fresh = negators.add(term) && !intensifiers.containsKey(term);
      } else if (kind.equals("INTENSIFIER") && line.fields.length == 3) {
        double factor;
        try {
          factor = Double.parseDouble(line.fields[2].trim());
        } catch (NumberFormatException ex) {
          throw line.error("factor is not a number: " + line.fields[2]);
        }
        if (!(factor > 0 && factor <= 3)) {
          throw line.error("factor must be in (0, 3]: " + factor);
        }
        fresh = intensifiers.put(term, factor) == null && !negators.contains(term);
      } else {
        throw line.error("expected 'term<TAB>NEGATOR' or 'term<TAB>INTENSIFIER<TAB>factor'");
      }
      if (!fresh || entries.containsKey(term)) {
        throw line.error("'" + term + "' is listed twice");
      }
    }
    return new Lexicon(entries, negators, intensifiers);
  }

  private static String normaliseTerm(String raw) {
    return raw.trim().replace('\u2019', '\'').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static int termLength(String term) {
    boolean spaced = term.indexOf(' ') >= 0;
    if (spaced) {
      return term.split(" ").length;
    }
    boolean han =
        term.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == UnicodeScript.HAN);
    return han ? term.codePointCount(0, term.length()) : 1;
  }

  /** The entry for a lower-case term, if any. */
  public Optional<LexiconEntry> entry(String term) {
    return Optional.ofNullable(entries.get(term));
  }

  /** Whether the term negates what follows it. */
  public boolean isNegator(String term) {
    return negators.contains(term);
  }

  /** The strength factor of an intensifier (or softener), empty for other terms. */
  public OptionalDouble intensifier(String term) {
    Double factor = intensifiers.get(term);
    return factor == null ? OptionalDouble.empty() : OptionalDouble.of(factor);
  }

  /** Whether the term is a cue, shield, negator or intensifier. */
  public boolean contains(String term) {
    return entries.containsKey(term) || negators.contains(term) || intensifiers.containsKey(term);
  }

  /**
   * The longest term, in words for space-separated phrases and in characters for Chinese terms: how
   * far a longest-match scan has to look ahead.
   */
  public int longestTerm() {
    return longestTerm;
  }

  /** The number of cue and shield entries. */
  public int size() {
    return entries.size();
  }

  /** How many cue entries each category has (for checks that every category is covered). */
  public Map<Emotion, Integer> cuesPerEmotion() {
    Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
    for (Emotion e : Emotion.values()) {
      counts.put(e, 0);
    }
    for (LexiconEntry entry : entries.values()) {
      if (entry.isCue()) {
        counts.merge(entry.emotion(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private record Line(String source, int number, String[] fields) {
    IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(source + " line " + number + ": " + problem);
    }
  }

  private static Iterable<Line> lines(Reader reader, String source) throws IOException {
    List<Line> lines = new ArrayList<>();
    BufferedReader in = new BufferedReader(reader);
    boolean header = true;
    int number = 0;
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      number++;
      if (number == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank() || text.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      lines.add(new Line(source, number, text.split("\t", -1)));
    }
    return lines;
  }
}
