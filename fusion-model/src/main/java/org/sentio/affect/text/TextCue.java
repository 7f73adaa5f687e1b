package org.sentio.affect.text;

import org.sentio.affect.Emotion;

/**
 * A cue word found in an utterance, after negation and intensifiers were applied: what the text
 * analyzer counted, so that a view can show why it read the text as it did.
 *
 * @param term the lexicon term as matched
 * @param lexiconEmotion the category the lexicon gives the term
 * @param emotion the category the cue counted for (differs from the lexicon's when negated)
 * @param weight the evidence it added, strength times intensifier and exclamation factors
 * @param valence the valence it counted with (flipped and damped when negated)
 * @param negated whether a negator had the term in its scope
 */
public record TextCue(
    String term,
    Emotion lexiconEmotion,
    Emotion emotion,
    double weight,
    double valence,
    boolean negated) {}
