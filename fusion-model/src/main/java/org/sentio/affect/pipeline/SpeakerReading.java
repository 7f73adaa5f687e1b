package org.sentio.affect.pipeline;

import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;

/**
 * What one speaker expressed in one window: the voice and text readings of that person alone, and
 * their fusion. The window's own readings (in {@link org.sentio.affect.AffectWindow}) stay those of
 * the whole recording; these are beside them, one per speaker per window.
 *
 * @param speaker the id of the {@link Speaker}
 * @param windowIndex the window
 * @param voice the speaker's voice in the window: from the speaker's own channel in a stereo call;
 *     in a mono recording the window's voice when only this speaker talks in it, otherwise absent
 *     with the reason
 * @param text what the speaker said in the window, read by the text model
 * @param fused the fusion of the two (the face is not linked to a speaker)
 */
public record SpeakerReading(
    String speaker,
    int windowIndex,
    AffectEstimate voice,
    AffectEstimate text,
    FusedEstimate fused) {
  public SpeakerReading {
    if (speaker == null || speaker.isBlank()) {
      throw new IllegalArgumentException("a speaker reading needs a speaker");
    }
    if (voice.modality() != Modality.VOICE || text.modality() != Modality.TEXT) {
      throw new IllegalArgumentException("a speaker reading holds a voice and a text estimate");
    }
  }

  /**
   * The face a speaker's fusion is given: none, because per-speaker readings fuse only the
   * speaker's own voice and words.
   */
  public static AffectEstimate faceLeftOut() {
    return AffectEstimate.absent(
        Modality.FACE, AbsenceReason.NO_FACE, AbsenceDetail.SPEAKER_FACE_LEFT_OUT.text());
  }

  /** Whether anything of this speaker was read in the window. */
  public boolean heard() {
    return voice.isPresent() || text.isPresent();
  }
}
