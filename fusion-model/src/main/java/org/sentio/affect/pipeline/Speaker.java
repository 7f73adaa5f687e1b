package org.sentio.affect.pipeline;

/**
 * One person speaking in a session.
 *
 * @param id stable within the session, e.g. {@code S1}; utterances and windows refer to it
 * @param role agent or customer
 * @param channel the audio channel (0 = left) that carries this speaker in a stereo call recording,
 *     or {@code null} when the speaker was told apart otherwise
 * @param faceTrack the face track linked to this speaker, or {@code null} when none is
 */
public record Speaker(String id, SpeakerRole role, Integer channel, Integer faceTrack) {
  public Speaker {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a speaker needs an id");
    }
    if (role == null) {
      throw new IllegalArgumentException("speaker " + id + " needs a role");
    }
  }
}
