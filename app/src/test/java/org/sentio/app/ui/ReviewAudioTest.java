package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.app.ui.review.AudioOutput;
import org.sentio.app.ui.review.AudioPlayback;
import org.sentio.app.ui.review.AudioUnavailableException;
import org.sentio.app.ui.review.FaceFinder;
import org.sentio.app.ui.review.ReviewViewModel;

/** Review playback with sound, on a recording fake output: no toolkit, no audio device. */
class ReviewAudioTest {
  @TempDir Path data;
  private SessionStore store;
  private final List<String> errors = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();

  /** Records what the view model asks of it; its clock is set by the test. */
  private final class FakePlayback implements AudioPlayback {
    double clock = Double.NaN;

    @Override
    public void play(double seconds) {
      calls.add("play " + seconds);
    }

    @Override
    public void pause() {
      calls.add("pause");
    }

    @Override
    public void seek(double seconds) {
      calls.add("seek " + seconds);
    }

    @Override
    public double position() {
      return clock;
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  private final List<FakePlayback> opened = new ArrayList<>();
  private Consumer<String> failed;

  private final AudioOutput fake =
      (file, cancelled, failed) -> {
        calls.add("open " + file.getFileName());
        this.failed = failed;
        FakePlayback p = new FakePlayback();
        opened.add(p);
        return p;
      };

  @BeforeEach
  void open() throws Exception {
    store = SessionStore.open(data);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private ReviewViewModel model(AudioOutput output) {
    return new ReviewViewModel(
        store,
        TaskExecutor.sameThread(),
        (t, m, e) -> errors.add(m),
        I18n.forLanguage("en"),
        FaceFinder.NONE,
        () -> "ana",
        output);
  }

  /** A sample session whose media is an existing (sound-only, so no pictures) file. */
  private long sessionWithSound(String name) throws Exception {
    Path file = Files.writeString(data.resolve(name), "not decoded by the fake");
    SessionResult r = SampleSessions.sample("call", 8);
    SessionResult withFile =
        r.toBuilder()
            .media(new MediaSummary(file.toString(), "wav", 4.5, null, 0, 0, 0, "pcm_s16le", 16000))
            .build();
    return store.sessions().save(withFile);
  }

  @Test
  void playPauseAndSeekDriveTheSoundAndThePlayheadFollowsItsClock() throws Exception {
    ReviewViewModel model = model(fake);
    model.open(sessionWithSound("call.wav"));
    assertThat(calls).containsExactly("open call.wav", "seek 0.0");
    assertThat(model.audioNoteProperty().get()).isEmpty();
    FakePlayback sound = opened.get(0);

    model.seek(1.0);
    model.togglePlaying();
    assertThat(calls).endsWith("seek 1.0", "play 1.0");

    sound.clock = 1.25;
    model.tick(0.016);
    assertThat(model.positionProperty().get()).isEqualTo(1.25);
    sound.clock = 2.0;
    model.tick(0.5); // the audio clock, not the wall time, moves the playhead
    assertThat(model.positionProperty().get()).isEqualTo(2.0);
    model.tick(0.1); // between clock updates: smoothed
    assertThat(model.positionProperty().get())
        .isCloseTo(2.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(calls).doesNotContain("seek 1.25", "seek 2.0"); // following the clock is no seek

    model.seek(3.0); // dragging the cursor while playing
    assertThat(calls).endsWith("seek 3.0");
    model.togglePlaying();
    assertThat(calls).endsWith("pause");
    assertThat(model.playingProperty().get()).isFalse();

    model.togglePlaying();
    sound.clock = 99; // the sound reached the end
    model.tick(0.016);
    assertThat(model.playingProperty().get()).isFalse();
    assertThat(model.positionProperty().get()).isEqualTo(model.durationProperty().get());
    assertThat(errors).isEmpty();
  }

  @Test
  void theSoundIsClosedWhenTheSessionChangesAndWhenTheReviewCloses() throws Exception {
    ReviewViewModel model = model(fake);
    model.open(sessionWithSound("a.wav"));
    model.open(sessionWithSound("b.wav"));
    assertThat(calls).containsSubsequence("open a.wav", "pause", "close", "open b.wav");
    assertThat(calls.stream().filter("close"::equals)).hasSize(1);

    model.close();
    assertThat(calls.stream().filter("close"::equals)).hasSize(2);
  }

  @Test
  void noAudioDeviceIsANoteAndPlaybackRunsOnWallTime() throws Exception {
    ReviewViewModel model =
        model(
            (file, cancelled, failed) -> {
              throw new AudioUnavailableException(
                  AudioUnavailableException.Reason.NO_DEVICE, "no device");
            });
    model.open(sessionWithSound("call.wav"));
    assertThat(model.audioNoteProperty().get())
        .isEqualTo("No audio output device: playing without sound");

    model.togglePlaying();
    model.tick(0.5);
    model.tick(0.25);
    assertThat(model.positionProperty().get()).isEqualTo(0.75);
    assertThat(errors).isEmpty();
  }

  @Test
  void soundFailingWhilePlayingBecomesANote() throws Exception {
    ReviewViewModel model = model(fake);
    model.open(sessionWithSound("call.mp4"));
    failed.accept("device lost");
    assertThat(model.audioNoteProperty().get()).isEqualTo("Sound stopped: device lost");
    assertThat(errors).isEmpty();
  }

  @Test
  void theRealOutputWithoutADeviceSaysSoRatherThanThrowingSomethingElse() throws Exception {
    Path file = data.resolve("x.wav");
    Files.write(file, new byte[0]);
    try {
      new org.sentio.app.ui.review.SystemAudioOutput().open(file, () -> false, why -> {}).close();
    } catch (AudioUnavailableException e) {
      assertThat(e.reason()).isIn(AudioUnavailableException.Reason.values());
    }
  }
}
