package org.sentio.affect.text;

import org.sentio.affect.Emotion;

/**
 * One cue word (or fixed phrase) of a lexicon.
 *
 * @param term the lower-case word or phrase (English words separated by single spaces)
 * @param emotion the category the word signals
 * @param strength how strongly, in [0, 1]; 0 marks a shield entry that only stops a shorter,
 *     misleading match (e.g. 好像 "seems" shielding 好 "good") and counts as no cue
 * @param valence the word's own valence in [-1, 1]
 */
public record LexiconEntry(String term, Emotion emotion, double strength, double valence) {

  public LexiconEntry {
    if (term == null || term.isBlank()) {
      throw new IllegalArgumentException("a lexicon term must not be blank");
    }
    if (emotion == null) {
      throw new IllegalArgumentException("lexicon term '" + term + "' lacks an emotion");
    }
    if (!(strength >= 0 && strength <= 1)) {
      throw new IllegalArgumentException(
          "strength of '" + term + "' must be in [0, 1]: " + strength);
    }
    if (!(valence >= -1 && valence <= 1)) {
      throw new IllegalArgumentException(
          "valence of '" + term + "' must be in [-1, 1]: " + valence);
    }
  }

  /** Whether this entry is a real cue rather than a shield. */
  public boolean isCue() {
    return strength > 0;
  }
}
