package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MediaProbeTest {

  @TempDir static Path dir;

  static Stream<Arguments> containers() {
    return Stream.of(
        Arguments.of(Containers.MP4, "mp4", "h264", "aac", 44100, 1),
        Arguments.of(Containers.MKV, "matroska", "h264", "vorbis", 44100, 1),
        Arguments.of(Containers.WEBM_VP8, "webm", "vp8", "vorbis", 44100, 1),
        Arguments.of(Containers.WEBM_VP9, "webm", "vp9", "opus", 48000, 1),
        Arguments.of(Containers.MOV, "mov", "h264", "aac", 44100, 1),
        Arguments.of(Containers.AVI, "avi", "mpeg4", "mp3", 44100, 1),
        Arguments.of(Containers.WAV, "wav", null, "pcm_s16le", 44100, 1),
        Arguments.of(Containers.MP3, "mp3", null, "mp3", 44100, 1),
        Arguments.of(Containers.M4A, "m4a", null, "aac", 44100, 1),
        Arguments.of(Containers.FLAC, "flac", null, "flac", 44100, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void probeReportsContainerStreamsAndCodecs(
      Containers kind,
      String format,
      String videoCodec,
      String audioCodec,
      int sampleRate,
      int channels)
      throws Exception {
    Path file = kind.make(dir);

    MediaInfo info = MediaProbe.probe(file);

    assertThat(info.path()).isEqualTo(file);
    assertThat(info.formatName()).contains(format);
    assertThat(info.durationSeconds()).isCloseTo(Containers.SECONDS, within(0.1));
    assertThat(info.hasAudio()).isTrue();
    assertThat(info.audioCodec()).isEqualTo(audioCodec);
    assertThat(info.sampleRate()).isEqualTo(sampleRate);
    assertThat(info.channels()).isEqualTo(channels);
    assertThat(info.hasVideo()).isEqualTo(videoCodec != null);
    assertThat(info.videoCodec()).isEqualTo(videoCodec);
    if (videoCodec != null) {
      assertThat(info.width()).isEqualTo(320);
      assertThat(info.height()).isEqualTo(240);
      assertThat(info.frameRate()).isCloseTo(25.0, within(0.01));
    } else {
      assertThat(info.width()).isZero();
      assertThat(info.frameRate()).isZero();
    }
  }
}
