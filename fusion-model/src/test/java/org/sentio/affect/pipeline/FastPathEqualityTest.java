package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.train.ShippedModels;

/**
 * The fast path changes no result: the demo session analysed both ways gives every window the same
 * per-modality and fused readings within 1e-4.
 */
class FastPathEqualityTest {
  private static final double TOLERANCE = 1e-4;

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
  void theDemoSessionReadsTheSameOnThePlainAndTheFastPath() throws Exception {
    Path demo = ShippedModels.root().resolve("resources/demo");
    AnalysisRequest request =
        new AnalysisRequest(
            demo.resolve("demo.mp4"),
            demo.resolve("demo.srt"),
            null,
            "demo",
            AnalysisOptions.DEFAULT);
    SessionResult plain =
        new AnalysisPipeline(analyzers, ComputePath.PLAIN)
            .analyse(request, ProgressListener.NONE, () -> false);
    SessionResult fast =
        new AnalysisPipeline(analyzers, ComputePath.FAST)
            .analyse(request, ProgressListener.NONE, () -> false);

    List<AffectWindow> expected = plain.windows();
    List<AffectWindow> actual = fast.windows();
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(expected)
        .as("the demo has face, voice and text readings to compare")
        .anyMatch(w -> w.estimate(Modality.FACE).isPresent())
        .anyMatch(w -> w.estimate(Modality.VOICE).isPresent())
        .anyMatch(w -> w.estimate(Modality.TEXT).isPresent());
    for (int k = 0; k < expected.size(); k++) {
      AffectWindow e = expected.get(k);
      AffectWindow a = actual.get(k);
      assertThat(a.startSeconds()).isEqualTo(e.startSeconds());
      assertThat(a.endSeconds()).isEqualTo(e.endSeconds());
      for (Modality m : Modality.values()) {
        assertSame("window " + k + " " + m.label(), e.estimate(m), a.estimate(m));
      }
      assertSame("window " + k + " fused", e.fused(), a.fused());
    }
    assertThat(fast.faceTracks()).hasSameSizeAs(plain.faceTracks());
    for (int i = 0; i < plain.faceTracks().size(); i++) {
      TrackReading e = plain.faceTracks().get(i);
      TrackReading a = fast.faceTracks().get(i);
      assertThat(a.trackId()).isEqualTo(e.trackId());
      assertSame("track reading " + i, e.estimate(), a.estimate());
    }
  }

  private static void assertSame(String what, AffectEstimate expected, AffectEstimate actual) {
    assertThat(actual.absence()).as(what + " absence").isEqualTo(expected.absence());
    assertThat(actual.isPresent()).as(what + " presence").isEqualTo(expected.isPresent());
    assertSame(what, expected.emotions(), actual.emotions());
    assertClose(what + " valence", expected.valence(), actual.valence());
    assertClose(what + " arousal", expected.arousal(), actual.arousal());
    assertClose(what + " confidence", expected.confidence(), actual.confidence());
  }

  private static void assertSame(String what, FusedEstimate expected, FusedEstimate actual) {
    assertSame(what, expected.emotions(), actual.emotions());
    assertClose(what + " valence", expected.valence(), actual.valence());
    assertClose(what + " arousal", expected.arousal(), actual.arousal());
    assertClose(what + " confidence", expected.confidence(), actual.confidence());
    assertThat(actual.modalityWeights().keySet())
        .as(what + " modalities")
        .isEqualTo(expected.modalityWeights().keySet());
    expected
        .modalityWeights()
        .forEach(
            (m, w) ->
                assertClose(what + " weight of " + m.label(), w, actual.modalityWeights().get(m)));
    assertThat(actual.method()).isEqualTo(expected.method());
  }

  private static void assertSame(
      String what, EmotionDistribution expected, EmotionDistribution actual) {
    assertThat(actual == null).as(what + " has emotions").isEqualTo(expected == null);
    if (expected == null) {
      return;
    }
    for (Emotion emotion : Emotion.values()) {
      assertClose(what + " " + emotion.label(), expected.get(emotion), actual.get(emotion));
    }
  }

  private static void assertClose(String what, double expected, double actual) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(Math.abs(actual - expected))
          .as(what + ": %s vs %s", actual, expected)
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }
}
