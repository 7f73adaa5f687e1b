package org.sentio.affect.pipeline;

/**
 * One person speaking in a session.
 *
 * @param id stable within the session, e.g. {@code S1}; utterances and windows refer to it
 * @param role agent or customer
 * @param channel the audio channel (0 = left) that carries this speaker in a stereo call recording,
 *     or {@code null} when the speaker was told apart otherwise
 * @param faceTrack the face track linked to this speaker, or {@code null} when none is
 * @param faceTrackNote why no face track is linked (e.g. the recording has no video), or the
 *     evidence for the link when one is; {@code null} when nobody asked
 */
public record Speaker(
    String id, SpeakerRole role, Integer channel, Integer faceTrack, String faceTrackNote) {
  public Speaker {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a speaker needs an id");
    }
    if (role == null) {
      throw new IllegalArgumentException("speaker " + id + " needs a role");
    }
  }

  /** A speaker with no note on its face track. */
  public Speaker(String id, SpeakerRole role, Integer channel, Integer faceTrack) {
    this(id, role, channel, faceTrack, null);
  }

  /** This speaker linked to face {@code track} (or to none, when {@code null}), with the note. */
  public Speaker withFace(Integer track, String note) {
    return new Speaker(id, role, channel, track, note);
  }

  /** This speaker unlinked from any face, with the reason. */
  public Speaker withoutFace(String note) {
    return new Speaker(id, role, channel, null, note);
  }
}
