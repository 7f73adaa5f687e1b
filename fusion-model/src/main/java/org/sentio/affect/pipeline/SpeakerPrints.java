package org.sentio.affect.pipeline;

/**
 * Where the voice prints for telling the speakers of a mono (or mixed) recording apart come from
 * when the words are recognised in the analysis's own decoding pass.
 */
public enum SpeakerPrints {
  /**
   * The transcript's own recogniser prints each stretch it recognises (ADR 0052): the audio is
   * recognised once. The default.
   */
  FROM_RECOGNISER,
  /**
   * A second libvosk recogniser with the speaker model prints each utterance from the same decoded
   * audio (ADR 0043, 0045): one print per utterance of our grouping, at about the CPU of
   * recognition itself.
   */
  SECOND_RECOGNISER
}
