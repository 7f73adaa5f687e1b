package org.sentio.affect.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits utterances into tokens: English into lower-case words (apostrophes kept, so "don't" is one
 * token), Chinese by greedy longest match against a lexicon over the characters (no segmenter
 * library is needed when the only use of words is lexicon lookup).
 */
public final class Tokenizer {
  /** Words with inner apostrophes, or one clause-ending punctuation mark. */
  private static final Pattern ENGLISH =
      Pattern.compile("([\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)*)|([.,;:!?\u2026()\"\u2014])");

  private static final String CHINESE_BOUNDARIES =
      "\uff0c\u3002\uff01\uff1f\uff1b\uff1a\u3001\u2026\uff08\uff09,.!?;:()\"\u201c\u201d";

  private Tokenizer() {}

  /** A token with what the analyzer needs beyond its text. */
  record Token(String text, boolean boundary, boolean shouted) {}

  /** The lower-case word tokens of English text, punctuation dropped. */
  public static List<String> english(String text) {
    return words(englishTokens(text));
  }

  /**
   * The tokens of Chinese text: at each Han character the longest lexicon term starting there (or
   * the single character when none does); runs of Latin letters or digits are one lower-case token
   * each; punctuation and spaces are dropped.
   */
  public static List<String> chinese(String text, Lexicon lexicon) {
    return words(chineseTokens(text, lexicon));
  }

  private static List<String> words(List<Token> tokens) {
    List<String> words = new ArrayList<>();
    for (Token token : tokens) {
      if (!token.boundary()) {
        words.add(token.text());
      }
    }
    return words;
  }

  static List<Token> englishTokens(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = ENGLISH.matcher(text);
    while (m.find()) {
      if (m.group(1) != null) {
        String word = m.group(1).replace('\u2019', '\'');
        tokens.add(new Token(word.toLowerCase(Locale.ROOT), false, isShouted(word)));
      } else {
        tokens.add(new Token(m.group(2), true, false));
      }
    }
    return tokens;
  }

  /** ALL-CAPS words of three or more letters ("NEVER"; not "I", "OK" or "TV"-length acronyms). */
  private static boolean isShouted(String word) {
    int letters = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      if (Character.isLetter(c)) {
        letters++;
      }
    }
    return letters >= 3;
  }

  static List<Token> chineseTokens(String text, Lexicon lexicon) {
    List<Token> tokens = new ArrayList<>();
    int[] cps = text.codePoints().toArray();
    int i = 0;
    while (i < cps.length) {
      int cp = cps[i];
      if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
        int length = 1;
        for (int n = Math.min(lexicon.longestTerm(), cps.length - i); n > 1; n--) {
          if (lexicon.contains(new String(cps, i, n))) {
            length = n;
            break;
          }
        }
        tokens.add(new Token(new String(cps, i, length), false, false));
        i += length;
      } else if (Character.isLetterOrDigit(cp)) {
        int end = i;
        while (end < cps.length
            && Character.isLetterOrDigit(cps[end])
            && Character.UnicodeScript.of(cps[end]) != Character.UnicodeScript.HAN) {
          end++;
        }
        tokens.add(new Token(new String(cps, i, end - i).toLowerCase(Locale.ROOT), false, false));
        i = end;
      } else {
        if (CHINESE_BOUNDARIES.indexOf(cp) >= 0) {
          tokens.add(new Token(new String(cps, i, 1), true, false));
        }
        i++;
      }
    }
    return tokens;
  }
}
