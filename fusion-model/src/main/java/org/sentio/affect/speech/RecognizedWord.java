package org.sentio.affect.speech;

/**
 * One word the recogniser heard.
 *
 * @param text the word as the model's lexicon spells it
 * @param startSeconds when it starts, seconds from the start of the stream
 * @param endSeconds when it ends
 * @param confidence the recogniser's posterior for the word, in [0, 1]
 */
public record RecognizedWord(
    String text, double startSeconds, double endSeconds, double confidence) {}
