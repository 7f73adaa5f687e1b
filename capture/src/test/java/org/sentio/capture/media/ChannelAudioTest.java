package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels decoded apart, each resampled to 16 kHz. */
class ChannelAudioTest {
  @TempDir Path work;

  @Test
  void keepsTheChannelsOfAStereoFileApartAtTheRequestedRate() throws Exception {
    // Left: a 440 Hz sine at 44.1 kHz; right: silence.
    Path stereo =
        Ffmpeg.make(
            work.resolve("left-only.wav"),
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=44100:duration=2",
            "-f",
            "lavfi",
            "-i",
            "anullsrc=channel_layout=mono:sample_rate=44100",
            "-filter_complex",
            "[0:a][1:a]amerge=inputs=2[s]",
            "-map",
            "[s]",
            "-t",
            "2");

    float[][] channels = ChannelAudio.read(stereo, 16_000);

    assertThat(ChannelAudio.channels(stereo)).isEqualTo(2);
    assertThat(channels).hasNumberOfRows(2);
    assertThat(channels[0].length).isBetween(31_500, 32_500);
    assertThat(rms(channels[0])).isBetween(0.08, 0.1); // lavfi's sine: amplitude 1/8
    assertThat(rms(channels[1])).isLessThan(1e-4);
  }

  @Test
  void aMonoFileIsOneChannel() throws Exception {
    Path mono = Ffmpeg.sine(work.resolve("mono.wav"), 1.0);

    float[][] channels = ChannelAudio.read(mono, 16_000);

    assertThat(channels).hasNumberOfRows(1);
    assertThat(channels[0].length).isBetween(15_500, 16_500);
  }

  @Test
  void aVideoWithoutSoundIsNamedAsHavingNoAudio() throws Exception {
    Path video =
        Ffmpeg.make(
            work.resolve("silent.mp4"),
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=160x120:rate=10",
            "-t",
            "1",
            "-an");

    assertThat(ChannelAudio.channels(video)).isZero();
    assertThatThrownBy(() -> ChannelAudio.read(video, 16_000))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining(video.toString())
        .hasMessageContaining("no audio");
  }

  private static double rms(float[] samples) {
    double sum = 0;
    for (float s : samples) {
      sum += s * s;
    }
    return Math.sqrt(sum / samples.length);
  }
}
