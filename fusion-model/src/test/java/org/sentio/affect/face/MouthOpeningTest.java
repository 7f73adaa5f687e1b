package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sentio.affect.facelink.FaceSpeakerLinker;
import org.sentio.affect.train.ShippedModels;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;
import org.sentio.capture.media.VideoFrame;

/**
 * The mouth opening from the shipped FaceMesh model on the real frames of the demo (a still
 * photograph of a smiling face with closed lips): measured in every frame with a face, small, and
 * steady from frame to frame. Prints what the measurement adds to a frame's face analysis.
 */
class MouthOpeningTest {
  @Test
  void theDemosClosedSmileMeasuresSmallAndSteady() throws Exception {
    Path demo = ShippedModels.root().resolve("resources/demo/demo.mp4");
    List<Double> openings = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    FaceAnalyzer.Timings timings;
    try (FaceAnalyzer analyzer = FaceAnalyzer.open(ShippedModels.host(), ShippedModels.registry());
        MediaSource source = MediaSource.open(demo, CaptureOptions.defaults())) {
      source.stream(
          new MediaListener() {
            @Override
            public void onVideoFrame(VideoFrame frame) {
              try {
                for (FaceObservation face :
                    analyzer.analyze(frame.width(), frame.height(), frame.bgr())) {
                  openings.add(face.mouthOpening());
                }
              } catch (Exception e) {
                failures.add(e);
              }
            }
          },
          () -> false);
      timings = analyzer.timings();
    }

    assertThat(failures).isEmpty();
    assertThat(openings).hasSizeGreaterThan(50).allSatisfy(o -> assertThat(o).isBetween(0.0, 0.2));
    double min = openings.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = openings.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertThat(max - min).isLessThan(FaceSpeakerLinker.STILL);

    float[] mesh = new float[MouthOpening.MESH_VALUES];
    for (int i = 0; i < mesh.length; i++) {
      mesh[i] = (i * 7919) % 192;
    }
    int rounds = 1_000_000;
    double sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      mesh[0] = i;
      sink += MouthOpening.of(mesh);
    }
    double mouthNanos = (System.nanoTime() - start) / (double) rounds;
    double frameNanos =
        (timings.detectionSeconds() + timings.expressionSeconds()) * 1e9 / timings.frames();
    System.out.printf(
        Locale.ROOT,
        "BENCHMARK mouth opening: %.0f ns per face per frame vs %.2f ms face analysis per frame"
            + " (%.5f %%), %d frames, min %.4f max %.4f (checksum %.1f)%n",
        mouthNanos,
        frameNanos / 1e6,
        100 * mouthNanos / frameNanos,
        timings.frames(),
        min,
        max,
        sink);
  }
}
