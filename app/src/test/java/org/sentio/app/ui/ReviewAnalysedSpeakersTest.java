package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.Region;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.voice.AudioFiles;
import org.sentio.app.ui.library.ImportJob;
import org.sentio.app.ui.review.TimelineCanvas;

/**
 * A real two-person mono call, built at test time from RAVDESS actors 12 and 11 (1.5 s apart),
 * imported through the Library with the real models: Review opens with two speaker lanes, the agent
 * first; each recognised utterance belongs to the actor who said it; changing the customer to the
 * agent in the inspector is stored.
 */
class ReviewAnalysedSpeakersTest {
  private static final int RATE = 16_000;
  private static final double GAP = 1.5;
  private static final String[] CLIPS = {
    "Actor_12/03-01-01-01-01-01-12", // actor 12 speaks first: the agent
    "Actor_11/03-01-01-01-02-01-11",
    "Actor_12/03-01-02-01-02-01-12",
    "Actor_11/03-01-02-01-01-01-11",
  };

  @TempDir Path data;

  @Test
  void anImportedTwoPersonCallShowsEachActorInTheirOwnLane() throws Exception {
    List<double[]> spans = new ArrayList<>();
    Path call = buildCall(data.resolve("two-person-call.wav"), spans);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      List<ImportJob>[] jobs = new List[1];
      app.interact(() -> jobs[0] = app.window.library().importFiles(List.of(call)));
      DesktopHarness.await(
          300,
          "the analysed call in Review",
          () ->
              app.window.page() == MainWindow.Page.REVIEW
                  && app.window.review().sessionProperty().get() != null
                  && !app.window.review().speakers().isEmpty());
      assertThat(jobs[0].get(0).state()).isEqualTo(ImportJob.State.DONE);
      SessionResult analysed = app.window.review().sessionProperty().get().result();

      assertThat(analysed.speakers())
          .extracting(Speaker::id, Speaker::role)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("S1", SpeakerRole.AGENT),
              org.assertj.core.groups.Tuple.tuple("S2", SpeakerRole.CUSTOMER));
      assertThat(analysed.transcript()).hasSizeGreaterThanOrEqualTo(CLIPS.length);
      for (Utterance u : analysed.transcript()) {
        int clip = clipOf(u, spans);
        assertThat(u.speaker())
            .as("\"%s\" at %.1f s, said by %s", u.text(), u.startSeconds(), CLIPS[clip])
            .isEqualTo(clip % 2 == 0 ? "S1" : "S2");
      }
      Region timeline = app.robot.lookup("#timeline").queryAs(Region.class);
      DesktopHarness.await(
          5, "two speaker lanes", () -> timeline.getHeight() > TimelineCanvas.speakerLaneY(1));

      ComboBox<SpeakerRole> customer = app.robot.lookup("#speaker-role-S2").queryComboBox();
      app.interact(() -> customer.setValue(SpeakerRole.AGENT));
      long id = app.window.review().sessionProperty().get().id();
      DesktopHarness.await(
          10,
          "S2 stored as the agent",
          () -> {
            try {
              return app.context.speakers().speakers(id).get(1).role() == SpeakerRole.AGENT;
            } catch (Exception e) {
              return false;
            }
          });
    }
  }

  /** The clip an utterance falls in: the one its middle is nearest to. */
  private static int clipOf(Utterance u, List<double[]> spans) {
    double middle = (u.startSeconds() + u.endSeconds()) / 2;
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int k = 0; k < spans.size(); k++) {
      double[] s = spans.get(k);
      double d = middle < s[0] ? s[0] - middle : middle > s[1] ? middle - s[1] : 0;
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }

  /** The clips in turn, each after 1.5 s of silence, as a 16 kHz 16-bit mono WAV. */
  private static Path buildCall(Path file, List<double[]> spans) throws Exception {
    List<float[]> clips = new ArrayList<>();
    int total = 0;
    for (String clip : CLIPS) {
      float[] samples =
          AudioFiles.readMono(
              SpeechLanguageSettingsTest.SHARED.resolve(
                  "data/speech_ravdess_train/" + clip + ".flac"),
              RATE);
      clips.add(samples);
      total += (int) (GAP * RATE) + samples.length;
    }
    ByteBuffer pcm = ByteBuffer.allocate((total + (int) (GAP * RATE)) * 2);
    pcm.order(ByteOrder.LITTLE_ENDIAN);
    double at = 0;
    for (float[] samples : clips) {
      for (int i = 0; i < GAP * RATE; i++) {
        pcm.putShort((short) 0);
      }
      at += GAP;
      spans.add(new double[] {at, at + samples.length / (double) RATE});
      at += samples.length / (double) RATE;
      for (float s : samples) {
        pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
      }
    }
    while (pcm.hasRemaining()) {
      pcm.putShort((short) 0);
    }
    AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
    byte[] bytes = pcm.array();
    try (AudioInputStream stream =
        new AudioInputStream(new ByteArrayInputStream(bytes), format, bytes.length / 2)) {
      AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
    }
    return file;
  }
}
