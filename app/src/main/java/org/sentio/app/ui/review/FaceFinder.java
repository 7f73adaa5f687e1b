package org.sentio.app.ui.review;

import java.util.List;
import org.sentio.affect.face.FaceObservation;
import org.sentio.capture.media.VideoFrame;

/** Finds the faces on one picture, for the review inspector's crop and boxes. */
@FunctionalInterface
public interface FaceFinder {
  FaceFinder NONE = frame -> List.of();

  List<FaceObservation> find(VideoFrame frame) throws Exception;
}
