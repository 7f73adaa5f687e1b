package org.sentio.app.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback player's decoding (FFmpeg → 16 kHz mono); the device part needs a sound card. */
class LinePlaybackTest {
  @TempDir Path dir;

  @Test
  void decodesAFilesSoundTo16kHzMonoSamples() throws Exception {
    int rate = 8000;
    byte[] pcm = new byte[rate * 2 * 2]; // 2 s, 16-bit mono
    for (int i = 0; i < rate * 2; i++) {
      short v = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 16000);
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
    File wav = dir.resolve("tone.wav").toFile();
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(pcm), format, rate * 2),
        AudioFileFormat.Type.WAVE,
        wav);

    short[] decoded = LinePlayback.decode(wav.toPath());

    assertThat(decoded.length).isBetween(31_000, 33_000);
    int peak = 0;
    for (short s : decoded) {
      peak = Math.max(peak, Math.abs(s));
    }
    assertThat(peak).isBetween(14_000, 18_000);
  }

  @Test
  void aFileWithoutSoundIsUnreadableNotACrash() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.mkv"), "not media");
    assertThatThrownBy(() -> LinePlayback.decode(junk))
        .isInstanceOf(AudioUnavailableException.class)
        .extracting(e -> ((AudioUnavailableException) e).reason())
        .isEqualTo(AudioUnavailableException.Reason.UNREADABLE);
  }

  @Test
  void javaFxMediaIsChosenOnlyForFormatsItPlays() {
    assertThat(FxMediaPlayback.plays(Path.of("a.MP4"))).isTrue();
    assertThat(FxMediaPlayback.plays(Path.of("a.m4a"))).isTrue();
    assertThat(FxMediaPlayback.plays(Path.of("a.wav"))).isTrue();
    assertThat(FxMediaPlayback.plays(Path.of("a.mkv"))).isFalse();
    assertThat(FxMediaPlayback.plays(Path.of("a.webm"))).isFalse();
  }

  @Test
  void whenJavaFxMediaFailsTheFallbackTriesDecodedSoundAndReportsWhyItCannot() throws Exception {
    java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<String> failure =
        new java.util.concurrent.CompletableFuture<>();
    SystemAudioOutput.Fallback fallback =
        new SystemAudioOutput.Fallback(dir.resolve("call.mp4"), () -> false, failure::complete);
    fallback.current =
        new AudioPlayback() {
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
            return 1.5;
          }

          @Override
          public void close() {
            calls.add("close");
          }
        };
    fallback.play(1.0);
    fallback.seek(2.0);
    assertThat(fallback.position()).isEqualTo(1.5);
    fallback.pause();
    assertThat(calls).containsExactly("play 1.0", "seek 2.0", "pause");

    if (!SystemAudioOutput.deviceAvailable()) {
      fallback.fxFailed("MEDIA_UNSUPPORTED");
      assertThat(failure.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo("MEDIA_UNSUPPORTED; no audio output device");
    }
    fallback.close();
    assertThat(calls).endsWith("close");
  }
}
