package org.sentio.affect.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceObservation;

/** What the analyzers saw inside one window while the media streamed past. */
final class WindowAccumulator {
  private final FaceStats subject = new FaceStats();
  private final Map<Integer, FaceStats> tracks = new TreeMap<>();
  private int framesSeen;
  private int vadFrames;
  private int vadSpeechFrames;
  private AffectEstimate voice;

  /**
   * Adds one analysed video frame.
   *
   * @param subject the best-quality face, or {@code null} when none was found
   * @param faces every face found, each with its track id
   */
  void addFrame(FaceObservation subject, List<FaceObservation> faces) {
    framesSeen++;
    if (subject != null) {
      this.subject.add(subject);
    }
    for (FaceObservation face : faces) {
      tracks.computeIfAbsent(face.trackId(), id -> new FaceStats()).add(face);
    }
  }

  void addVadFrame(boolean speech) {
    vadFrames++;
    if (speech) {
      vadSpeechFrames++;
    }
  }

  double speechFraction() {
    return vadFrames == 0 ? 0 : (double) vadSpeechFrames / vadFrames;
  }

  void setVoice(AffectEstimate estimate) {
    voice = estimate;
  }

  AffectEstimate voice() {
    return voice;
  }

  /** The face estimate of the window: the best-quality face of each frame, averaged by quality. */
  AffectEstimate face(boolean mediaHasVideo) {
    if (!mediaHasVideo) {
      return AffectEstimate.absent(
          Modality.FACE, AbsenceReason.NO_FACE, AbsenceDetail.NO_VIDEO_STREAM.text());
    }
    if (framesSeen == 0) {
      return AffectEstimate.absent(
          Modality.FACE, AbsenceReason.UNREADABLE, AbsenceDetail.NO_VIDEO_FRAME_DECODED.text());
    }
    if (subject.frames() == 0) {
      return AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null);
    }
    return subject.estimate(framesSeen);
  }

  /** One reading per face track seen in the window, by track id. */
  List<TrackReading> tracks(int windowIndex) {
    List<TrackReading> readings = new ArrayList<>();
    tracks.forEach(
        (id, stats) -> readings.add(new TrackReading(id, windowIndex, stats.estimate(framesSeen))));
    return readings;
  }
}
