package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.train.ShippedModels;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;
import org.sentio.capture.media.VideoFrame;

/**
 * The speed levers on the demo recording: following faces between detections keeps the boxes on the
 * face the detector finds on every frame, and the session read with the levers pulled agrees with
 * the validated path window by window.
 */
class SpeedLeversTest {
  private static final Path DEMO = ShippedModels.root().resolve("resources/demo");

  private static Analyzers analyzers;

  @BeforeAll
  static void open() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  @Test
  void facesFollowedBetweenDetectionsStayOnTheDetectedFace() throws Exception {
    List<Double> overlaps = new ArrayList<>();
    long detections;
    long frames;
    try (FaceAnalyzer everyFrame = analyzers.newFaceAnalyzer();
        FaceAnalyzer followed = analyzers.newFaceAnalyzer().detectEvery(5);
        MediaSource source =
            MediaSource.open(DEMO.resolve("demo.mp4"), CaptureOptions.defaults())) {
      List<Exception> failures = new ArrayList<>();
      source.stream(
          new MediaListener() {
            @Override
            public void onVideoFrame(VideoFrame frame) {
              try {
                List<FaceObservation> a =
                    everyFrame.analyze(frame.width(), frame.height(), frame.bgr());
                List<FaceObservation> b =
                    followed.analyze(frame.width(), frame.height(), frame.bgr());
                if (!a.isEmpty() && !b.isEmpty()) {
                  overlaps.add(a.get(0).box().iou(b.get(0).box()));
                }
              } catch (Exception e) {
                failures.add(e);
              }
            }
          },
          () -> false);
      assertThat(failures).isEmpty();
      detections = followed.detections();
      frames = followed.timings().frames();
    }
    assertThat(frames).isGreaterThan(50);
    assertThat(detections)
        .as("the detector ran on about one frame in five")
        .isBetween(frames / 5, frames / 2);
    assertThat(overlaps).hasSizeGreaterThan((int) (frames * 9 / 10));
    assertThat(overlaps.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
        .as("every followed box overlaps the detected one")
        .isGreaterThan(0.6);
  }

  @Test
  void theDemoReadsAlmostTheSameWithTheLeversPulled() throws Exception {
    AnalysisRequest request =
        new AnalysisRequest(
            DEMO.resolve("demo.mp4"),
            DEMO.resolve("demo.srt"),
            null,
            "demo",
            AnalysisOptions.DEFAULT);
    SessionResult validated =
        new AnalysisPipeline(analyzers).analyse(request, ProgressListener.NONE, () -> false);
    SessionResult fast =
        new AnalysisPipeline(analyzers, ComputePath.FAST, new SpeedLevers(5, true, 1))
            .analyse(request, ProgressListener.NONE, () -> false);

    assertThat(fast.windows()).hasSameSizeAs(validated.windows());
    int both = 0;
    int sameTop = 0;
    int samePresence = 0;
    for (int k = 0; k < validated.windows().size(); k++) {
      AffectWindow a = validated.windows().get(k);
      AffectWindow b = fast.windows().get(k);
      if (a.estimate(Modality.FACE).isPresent() == b.estimate(Modality.FACE).isPresent()) {
        samePresence++;
      }
      if (a.estimate(Modality.FACE).hasEmotions() && b.estimate(Modality.FACE).hasEmotions()) {
        both++;
        if (a.estimate(Modality.FACE).emotions().top()
            == b.estimate(Modality.FACE).emotions().top()) {
          sameTop++;
        }
      }
    }
    int windows = validated.windows().size();
    assertThat(samePresence).as("face present in the same windows").isGreaterThan(windows * 9 / 10);
    assertThat(both).isGreaterThan(windows / 2);
    assertThat(sameTop).as("the same top face emotion").isGreaterThan(both * 8 / 10);
  }

  @Test
  void aDetectionIntervalOutsideOneToThirtyIsRefused() {
    assertThatThrownBy(() -> new SpeedLevers(0, false, 0)).hasMessageContaining("between 1 and 30");
    assertThatThrownBy(() -> new SpeedLevers(31, false, 0))
        .hasMessageContaining("between 1 and 30");
  }
}
