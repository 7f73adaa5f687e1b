package org.sentio.affect.pipeline;

import java.util.List;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.speech.RecognizedWord;

/**
 * One transcript segment, timed, with what the text analyzer read in it.
 *
 * @param speaker the id of the {@link Speaker} who said it, or {@code null} when speakers were not
 *     told apart
 * @param source where the text came from
 * @param confidence how sure the recogniser was (mean word confidence) for {@link
 *     TranscriptSource#ASR}; {@code NaN} for given text
 * @param words the recognised words with times and confidences ({@link TranscriptSource#ASR} only;
 *     empty otherwise)
 * @param originalText the text as recognised (or given) before a person corrected it, else {@code
 *     null}
 */
public record Utterance(
    double startSeconds,
    double endSeconds,
    String text,
    AffectEstimate affect,
    String speaker,
    TranscriptSource source,
    double confidence,
    List<RecognizedWord> words,
    String originalText) {

  public Utterance {
    words = words == null ? List.of() : List.copyOf(words);
    source = source == null ? TranscriptSource.FILE : source;
  }

  /** A given (file or typed) utterance, speaker unknown. */
  public Utterance(double startSeconds, double endSeconds, String text, AffectEstimate affect) {
    this(
        startSeconds,
        endSeconds,
        text,
        affect,
        null,
        TranscriptSource.FILE,
        Double.NaN,
        List.of(),
        null);
  }

  /** This utterance said by {@code speakerId}. */
  public Utterance spokenBy(String speakerId) {
    return new Utterance(
        startSeconds, endSeconds, text, affect, speakerId, source, confidence, words, originalText);
  }

  /** Whether a person corrected the text. */
  public boolean corrected() {
    return originalText != null;
  }

  /** This utterance with a person's text and its new reading; the original text is kept. */
  public Utterance correctedTo(String newText, AffectEstimate newAffect) {
    return new Utterance(
        startSeconds,
        endSeconds,
        newText,
        newAffect,
        speaker,
        source,
        confidence,
        words,
        originalText != null ? originalText : text);
  }
}
