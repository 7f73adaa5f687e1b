package org.sentio.affect.pipeline;

import java.util.List;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;

/**
 * What one speaker expressed in one window: the voice and text readings of that person alone, the
 * face linked to them, and their fusion. The window's own readings (in {@link
 * org.sentio.affect.AffectWindow}) stay those of the whole recording; these are beside them, one
 * per speaker per window.
 *
 * @param speaker the id of the {@link Speaker}
 * @param windowIndex the window
 * @param voice the speaker's voice in the window: from the speaker's own channel in a stereo call;
 *     in a mono recording the window's voice when only this speaker talks in it, otherwise absent
 *     with the reason
 * @param text what the speaker said in the window, read by the text model
 * @param fused the fusion of the three
 * @param face the face of the track linked to the speaker ({@link Speaker#faceTrack()}) in the
 *     window, or absent: no face is linked to the speaker, or the linked face is not seen in the
 *     window
 */
public record SpeakerReading(
    String speaker,
    int windowIndex,
    AffectEstimate voice,
    AffectEstimate text,
    FusedEstimate fused,
    AffectEstimate face) {
  public SpeakerReading {
    if (speaker == null || speaker.isBlank()) {
      throw new IllegalArgumentException("a speaker reading needs a speaker");
    }
    if (voice.modality() != Modality.VOICE
        || text.modality() != Modality.TEXT
        || face.modality() != Modality.FACE) {
      throw new IllegalArgumentException(
          "a speaker reading holds a voice, a text and a face estimate");
    }
  }

  /**
   * A reading stored or exported before a linked face was added to a speaker's readings: its fusion
   * had no face, and its face says so ({@link #faceLeftOut()}).
   */
  public SpeakerReading(
      String speaker,
      int windowIndex,
      AffectEstimate voice,
      AffectEstimate text,
      FusedEstimate fused) {
    this(speaker, windowIndex, voice, text, fused, faceLeftOut());
  }

  /**
   * The face of the track linked to {@code speaker} among a window's track readings; absent when no
   * face is linked to the speaker or the linked face is not seen in the window.
   */
  public static AffectEstimate faceOf(Speaker speaker, List<TrackReading> windowTracks) {
    Integer track = speaker.faceTrack();
    if (track == null) {
      return AffectEstimate.absent(
          Modality.FACE, AbsenceReason.NO_FACE, AbsenceDetail.NO_FACE_LINKED.text());
    }
    for (TrackReading reading : windowTracks) {
      if (reading.trackId() == track) {
        return reading.estimate();
      }
    }
    return AffectEstimate.absent(
        Modality.FACE, AbsenceReason.NO_FACE, AbsenceDetail.LINKED_FACE_NOT_SEEN.text(track));
  }

  /**
   * The face of a reading made before a linked face was added to a speaker's readings: none, as
   * those fused only the speaker's own voice and words.
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
