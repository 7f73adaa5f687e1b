package org.sentio.affect.cache;

import java.util.List;

/**
 * Who spoke each utterance of a recording, as the speaker pass told them apart.
 *
 * @param speakerOfUtterance the speaker id of each utterance, in order
 * @param speakers the speakers found
 */
public record SpeakerLabels(List<String> speakerOfUtterance, List<Entry> speakers) {
  public SpeakerLabels {
    speakerOfUtterance = List.copyOf(speakerOfUtterance);
    speakers = List.copyOf(speakers);
  }

  /**
   * One speaker.
   *
   * @param id e.g. {@code S1}
   * @param role the role's id ({@code agent}, {@code customer})
   * @param channel the audio channel carrying the speaker, or {@code null}
   * @param faceTrack the linked face track, or {@code null}
   */
  public record Entry(String id, String role, Integer channel, Integer faceTrack) {}
}
