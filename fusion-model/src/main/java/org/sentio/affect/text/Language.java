package org.sentio.affect.text;

/** The languages the text analyzer reads, told apart by script. */
public enum Language {
  /** Latin letters: read with the English lexicon. */
  EN,
  /** CJK ideographs: read with the Chinese lexicon. */
  ZH,
  /** Neither (another script, or digits and punctuation only). */
  OTHER;

  /**
   * A Han character carries roughly a word's worth of meaning, a Latin letter a fifth of one; text
   * is Chinese when its Han characters are at least a third as many as its Latin letters.
   */
  private static final int LATIN_LETTERS_PER_HAN = 3;

  /**
   * Detects the language of one utterance by counting CJK ideographs (Unicode script Han) and Latin
   * letters: Chinese when there are ideographs and at least one per three Latin letters (so a
   * Chinese sentence quoting a product name is still Chinese), English when there are Latin letters
   * otherwise, {@link #OTHER} when there is neither.
   */
  public static Language detect(CharSequence text) {
    int han = 0;
    int latin = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script == Character.UnicodeScript.HAN) {
        han++;
      } else if (script == Character.UnicodeScript.LATIN && Character.isLetter(cp)) {
        latin++;
      }
    }
    if (han > 0 && han * LATIN_LETTERS_PER_HAN >= latin) {
      return ZH;
    }
    if (latin > 0) {
      return EN;
    }
    return OTHER;
  }
}
