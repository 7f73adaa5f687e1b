package org.sentio.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceBox;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.fusion.ConfidenceWeightedFusion;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.pipeline.WindowGrid;
import org.sentio.affect.voice.VoiceAnalyzer;
import org.sentio.app.SentioHome;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

class LiveWindowsTest {
  private static FaceObservation happyFace() {
    return new FaceObservation(
        1,
        new FaceBox(10, 10, 50, 50),
        List.of(),
        0.9,
        0.8,
        EmotionDistribution.certain(Emotion.HAPPY),
        0.7,
        0.3);
  }

  private static LiveWindows windows(boolean audio) {
    return new LiveWindows(
        new WindowGrid(1.0, 0.5), new VoiceAnalyzer(16_000), new ConfidenceWeightedFusion(), audio);
  }

  @Test
  void windowsCloseInOrderOnceMediaTimePassesTheirEnd() throws Exception {
    LiveWindows w = windows(false);
    for (double t = 0; t < 2.2; t += 0.2) {
      w.addFace(t, happyFace());
    }
    List<AffectWindow> closed = w.closeUpTo(2.2);

    assertThat(closed).extracting(AffectWindow::index).containsExactly(0, 1, 2);
    assertThat(closed.get(0).estimate(Modality.FACE).emotions().top()).isEqualTo(Emotion.HAPPY);
    assertThat(closed.get(0).estimate(Modality.VOICE).absence()).isEqualTo(AbsenceReason.NO_SPEECH);
    assertThat(closed.get(0).fused().emotions().top()).isEqualTo(Emotion.HAPPY);
    assertThat(w.closeUpTo(2.2)).isEmpty();
    assertThat(w.expertLoad()).isNull();
  }

  @Test
  void theMoeModelsExpertLoadAddsUpOverEveryWindowClosed() throws Exception {
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    try (MoeFusion moe =
        MoeFusion.open(
            host, new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()))) {
      LiveWindows w =
          new LiveWindows(new WindowGrid(1.0, 0.5), new VoiceAnalyzer(16_000), moe, false);
      for (double t = 0; t < 3.2; t += 0.2) {
        w.addFace(t, happyFace());
      }
      List<AffectWindow> closed = new ArrayList<>(w.closeUpTo(1.6));
      closed.addAll(w.closeAll(3.2));

      ExpertTelemetry load = w.expertLoad();
      long[] expected = new long[load.experts()];
      for (AffectWindow window : closed) {
        for (ExpertChoice choice : window.fused().experts()) {
          expected[choice.expert()]++;
        }
      }
      assertThat(closed).hasSizeGreaterThan(3);
      assertThat(load.windows()).isEqualTo(closed.size());
      assertThat(load.counts()).isEqualTo(expected);
      assertThat(load.topK()).isEqualTo(closed.get(0).fused().experts().size());
    }
  }

  @Test
  void picturesWithoutAFaceMakeTheFaceAbsentAndTheEndClosesTheRest() throws Exception {
    LiveWindows w = windows(true);
    w.addFace(0.1, null);
    w.addFace(0.6, null);
    w.addAudio(new float[16_000]);

    List<AffectWindow> closed = w.closeAll(1.2);

    assertThat(closed).extracting(AffectWindow::index).containsExactly(0, 1, 2);
    assertThat(closed.get(0).estimate(Modality.FACE).absence()).isEqualTo(AbsenceReason.NO_FACE);
    assertThat(closed.get(2).estimate(Modality.FACE).absence()).isEqualTo(AbsenceReason.UNREADABLE);
    assertThat(closed.get(2).endSeconds()).isEqualTo(1.2);
  }

  @Test
  void latencyPercentilesAndRate() {
    LatencyStats stats = new LatencyStats(10);
    for (int i = 1; i <= 10; i++) {
      stats.shown(0, i * 1_000_000L);
    }
    assertThat(stats.percentileMillis(0.5)).isEqualTo(5.0);
    assertThat(stats.percentileMillis(0.95)).isEqualTo(10.0);
    assertThat(stats.framesPerSecond()).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(1.0));
  }
}
