package org.sentio.automation.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of phrase rules tried in order; each match is consumed (masked) so that later rules and
 * the leftover scan never see it again. What is left, minus the language's filler words, is what
 * the parser did not understand.
 */
abstract class Grammar {
  /** Masks consumed text; neither whitespace nor a word character, so no rule matches across. */
  static final char MASK = '\u0001';

  /** A folder: quoted, or a home, absolute, relative or Windows path without spaces. */
  static final String PATH =
      "(?<path>\"[^\"]+\"|'[^']+'|“[^”]+”|「[^」]+」"
          + "|~(?:[/\\\\][^\\s,，。;；、\"\\u0001\\u3000-\\u9fff\\uff00-\\uffef]*)?"
          + "|\\.{1,2}[/\\\\][^\\s,，。;；、\"\\u0001\\u3000-\\u9fff\\uff00-\\uffef]*"
          + "|/[^\\s,，。;；、\"\\u0001\\u3000-\\u9fff\\uff00-\\uffef]+"
          + "|[A-Za-z]:[\\\\/][^\\s,，。;；、\"\\u0001\\u3000-\\u9fff\\uff00-\\uffef]*)";

  interface Action {
    void apply(Matcher match, Draft draft);
  }

  private record Rule(Pattern pattern, Action action) {}

  private final List<Rule> rules = new ArrayList<>();

  /** The language tag written into the workflow. */
  abstract String language();

  /** Splits the leftover text into the words to report, dropping filler words. */
  abstract List<String> leftoverWords(String leftover);

  void rule(String regex, Action action) {
    rules.add(
        new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), action));
  }

  /** Applies every rule to {@code sentence}; returns the text with matches masked. */
  String apply(String sentence, Draft draft) {
    StringBuilder text = new StringBuilder(sentence);
    for (Rule rule : rules) {
      Matcher match = rule.pattern().matcher(text.toString());
      List<int[]> spans = new ArrayList<>();
      while (match.find()) {
        if (match.end() == match.start()) {
          continue;
        }
        rule.action().apply(match, draft);
        spans.add(new int[] {match.start(), match.end()});
      }
      for (int[] span : spans) {
        for (int i = span[0]; i < span[1]; i++) {
          text.setCharAt(i, MASK);
        }
      }
    }
    return text.toString();
  }

  /** The folder of a match without quotes or a sentence's final full stop. */
  static String folder(Matcher match) {
    String path = match.group("path");
    if (path == null) {
      return null;
    }
    if (path.length() >= 2 && "\"'“「".indexOf(path.charAt(0)) >= 0) {
      return path.substring(1, path.length() - 1);
    }
    while (path.length() > 1 && (path.endsWith(".") || path.endsWith(")"))) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  /** The canonical emotion for a word of {@code table}, matched case-insensitively. */
  static String lookup(Map<String, String> table, String word) {
    String value = table.get(word.toLowerCase(Locale.ROOT));
    if (value == null) {
      throw new IllegalStateException("no entry for " + word); // the regex lists only known words
    }
    return value;
  }

  /** The alternation of a table's keys, longest first so that longer words win. */
  static String alternation(Map<String, ?> table) {
    return String.join(
        "|",
        table.keySet().stream()
            .sorted((a, b) -> b.length() - a.length())
            .map(Pattern::quote)
            .toList());
  }
}
