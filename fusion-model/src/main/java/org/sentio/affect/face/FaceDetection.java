package org.sentio.affect.face;

import java.util.List;

/**
 * One detected face in source-image pixels.
 *
 * @param box the detector's face box (not enlarged)
 * @param keypoints BlazeFace's six points in its order: {@link #RIGHT_EYE}, {@link #LEFT_EYE},
 *     {@link #NOSE_TIP}, {@link #MOUTH}, {@link #RIGHT_EAR}, {@link #LEFT_EAR} (the subject's right
 *     and left: the subject's right eye is on the image's left in a frontal, unmirrored picture)
 * @param score sigmoid of the face logit, in [0, 1]
 */
public record FaceDetection(FaceBox box, List<FacePoint> keypoints, double score) {
  public static final int RIGHT_EYE = 0;
  public static final int LEFT_EYE = 1;
  public static final int NOSE_TIP = 2;
  public static final int MOUTH = 3;
  public static final int RIGHT_EAR = 4;
  public static final int LEFT_EAR = 5;

  public FaceDetection {
    keypoints = List.copyOf(keypoints);
  }
}
