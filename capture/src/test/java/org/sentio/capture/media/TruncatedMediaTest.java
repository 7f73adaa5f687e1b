package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TruncatedMediaTest {

  @TempDir static Path dir;

  private static Path clip(String name, String... codecArgs) throws Exception {
    return Ffmpeg.testsrcWithSine(dir.resolve(name), 3, codecArgs);
  }

  private record Run(StreamSummary summary, Recorder recorder) {}

  private static Run stream(Path file) throws MediaException {
    Recorder r = new Recorder();
    try (MediaSource source = MediaSource.open(file, CaptureOptions.defaults())) {
      return new Run(source.stream(r, () -> false), r);
    }
  }

  @Test
  void streamsAFastStartMp4CutShortUpToWhereItBreaksAndWarns() throws Exception {
    Path full = clip("faststart.mp4", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart");
    Path cut = Ffmpeg.truncated(full, dir.resolve("faststart-60.mp4"), 0.6);

    Run run = stream(cut);

    StreamSummary s = run.summary();
    assertThat(s.cancelled()).isFalse();
    assertThat(s.decodedUntilSeconds()).isBetween(0.5, 2.6);
    assertThat(s.videoFramesEmitted()).isBetween(1L, 13L);
    assertThat(run.recorder().frameTimes()).allSatisfy(t -> assertThat(t).isLessThan(2.6));
    assertThat(s.warning())
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .startsWith(cut + ": decoding stopped at ")
                    .contains(" s of 3.0 s (")
                    .endsWith("); analysed up to there")
                    .doesNotContain("\n"));
    String shown = String.format(java.util.Locale.ROOT, "%.1f s", s.decodedUntilSeconds());
    assertThat(s.warning().orElseThrow()).contains("stopped at " + shown);
  }

  @Test
  void streamsAMatroskaFileCutShortAndWarns() throws Exception {
    Path full = clip("clip.mkv", "-c:v", "libx264", "-c:a", "libvorbis");
    Path cut = Ffmpeg.truncated(full, dir.resolve("clip-60.mkv"), 0.6);

    Run run = stream(cut);

    assertThat(run.summary().decodedUntilSeconds()).isBetween(0.3, 2.6);
    assertThat(run.summary().warning())
        .hasValueSatisfying(w -> assertThat(w).contains(cut + ": decoding stopped at "));
  }

  @Test
  void streamsAFlacFileCutShortAndWarns() throws Exception {
    Path full = Ffmpeg.sine(dir.resolve("tone.flac"), 3, "-c:a", "flac");
    Path cut = Ffmpeg.truncated(full, dir.resolve("tone-60.flac"), 0.6);

    Run run = stream(cut);

    assertThat(run.recorder().sampleCount()).isBetween(8000, 44000);
    assertThat(run.summary().warning()).hasValueSatisfying(w -> assertThat(w).contains("of 3.0 s"));
  }

  @Test
  void streamsAWavFileCutShortToTheLengthFfmpegReads() throws Exception {
    // FFmpeg sizes a WAV whose data chunk runs past the end of the file by the bytes present.
    Path full = Ffmpeg.sine(dir.resolve("tone.wav"), 3, "-c:a", "pcm_s16le");
    Path cut = Ffmpeg.truncated(full, dir.resolve("tone-60.wav"), 0.6);

    Run run = stream(cut);

    assertThat(run.recorder().sampleCount()).isCloseTo((int) (0.6 * 3 * 16000), within(400));
    assertThat(run.summary().decodedUntilSeconds()).isCloseTo(1.8, within(0.05));
  }

  @Test
  void refusesAnMp4CutBeforeItsIndexAsNotMedia() throws Exception {
    Path full = clip("index-at-end.mp4", "-c:v", "libx264", "-c:a", "aac");
    Path cut = Ffmpeg.truncated(full, dir.resolve("index-at-end-60.mp4"), 0.6);

    MediaException e =
        catchThrowableOfType(
            MediaException.class, () -> MediaSource.open(cut, CaptureOptions.defaults()));

    assertThat(e.getMessage())
        .isEqualTo(cut + ": not a media file FFmpeg can read (moov atom not found)");
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 200, 2000})
  void refusesAFileCutInsideOrJustAfterItsHeader(int bytes) throws Exception {
    Path full = clip("faststart.mp4", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart");
    Path cut = dir.resolve("head-" + bytes + ".mp4");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(full), bytes));

    // Refused when opened (no header, no streams) or when streamed (header but no data).
    MediaException e = catchThrowableOfType(MediaException.class, () -> stream(cut));

    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .startsWith(cut + ": ")
        .containsAnyOf(
            "not a media file FFmpeg can read (",
            "has no audio or video stream",
            "no audio or video could be decoded (");
    BadMediaTest.assertOneLineForUsers(e.getMessage());
  }

  @Test
  void refusesAnMp4WhoseDataIsMissingEntirelyWhenStreamed() throws Exception {
    Path full = clip("faststart.mp4", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart");
    Path cut = dir.resolve("header-only.mp4");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(full), 2000));

    MediaInfo info = MediaProbe.probe(cut);
    MediaException e = catchThrowableOfType(MediaException.class, () -> stream(cut));

    assertThat(info.hasVideo()).isTrue();
    assertThat(e.getMessage())
        .startsWith(cut + ": no audio or video could be decoded (")
        .endsWith("); the file may be cut short or damaged");
  }
}
