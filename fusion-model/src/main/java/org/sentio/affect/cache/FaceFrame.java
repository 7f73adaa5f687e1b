package org.sentio.affect.cache;

import java.util.List;
import org.sentio.affect.face.FaceObservation;

/**
 * The faces the face analyzer found in one analysed frame.
 *
 * @param seconds the frame's media time
 * @param faces every face found, each with its track id (empty when none)
 */
public record FaceFrame(double seconds, List<FaceObservation> faces) {
  public FaceFrame {
    faces = List.copyOf(faces);
  }
}
