package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MediaSourceTest {

  @TempDir static Path dir;

  private static Recorder streamAll(Path file, CaptureOptions options) throws MediaException {
    Recorder recorder = new Recorder();
    try (MediaSource source = MediaSource.open(file, options)) {
      StreamSummary summary = source.stream(recorder, () -> false);
      assertThat(summary.warning()).isEmpty();
      assertThat(summary.cancelled()).isFalse();
      assertThat(summary.videoFramesEmitted()).isEqualTo(recorder.frames.size());
    }
    return recorder;
  }

  private static Path testsrc(String name, int rate, double seconds) throws Exception {
    return Ffmpeg.make(
        dir.resolve(name),
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=160x120:rate=" + rate,
        "-t",
        Double.toString(seconds),
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p");
  }

  @Test
  void emitsFramesAtFiveFpsFromA25FpsSourceWithStreamTimestamps() throws Exception {
    Path file =
        Ffmpeg.testsrcWithSine(dir.resolve("three.mp4"), 3, "-c:v", "libx264", "-c:a", "aac");

    Recorder r = streamAll(file, CaptureOptions.defaults());

    assertThat(r.frameTimes()).hasSize(15);
    for (int k = 0; k < 15; k++) {
      assertThat(r.frameTimes().get(k)).isCloseTo(k * 0.2, within(1e-3));
    }
  }

  @Test
  void picksTheFirstFrameAtOrAfterEachTickWhenRatesDoNotDivide() throws Exception {
    Path file = testsrc("seven.mp4", 7, 2);

    Recorder r = streamAll(file, CaptureOptions.defaults());

    int[] frameIndex = {0, 2, 3, 5, 6, 7, 9, 10, 12, 13};
    assertThat(r.frameTimes()).hasSize(frameIndex.length);
    for (int i = 0; i < frameIndex.length; i++) {
      assertThat(r.frameTimes().get(i)).isCloseTo(frameIndex[i] / 7.0, within(1e-3));
    }
  }

  @Test
  void emitsEachFrameOnceWhenTheSourceIsSlowerThanTheAnalysisRate() throws Exception {
    Path file = testsrc("two.mp4", 2, 2);

    Recorder r = streamAll(file, CaptureOptions.defaults());

    assertThat(r.frameTimes()).containsExactly(0.0, 0.5, 1.0, 1.5);
  }

  @Test
  void followsACustomAnalysisRate() throws Exception {
    Path file = testsrc("ten.mp4", 25, 1);

    Recorder r = streamAll(file, CaptureOptions.defaults().withAnalysisFps(10));

    assertThat(r.frameTimes()).hasSize(10);
    assertThat(r.frameTimes().get(3)).isCloseTo(0.3, within(0.041));
  }

  static Stream<Arguments> solidColours() {
    return Stream.of(
        Arguments.of("red", 0, 0, 255),
        Arguments.of("blue", 255, 0, 0),
        Arguments.of("lime", 0, 255, 0),
        Arguments.of("white", 255, 255, 255));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solidColours")
  void convertsASolidColourToPackedBgr(String colour, int b, int g, int r) throws Exception {
    Path file =
        Ffmpeg.make(
            dir.resolve(colour + ".mp4"),
            "-f",
            "lavfi",
            "-i",
            "color=c=" + colour + ":size=64x48:rate=25",
            "-t",
            "1",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p");

    Recorder rec = streamAll(file, CaptureOptions.defaults());

    VideoFrame frame = rec.frames.get(0);
    assertThat(frame.width()).isEqualTo(64);
    assertThat(frame.height()).isEqualTo(48);
    assertThat(frame.bgr()).hasSize(64 * 48 * 3);
    for (int[] xy : new int[][] {{0, 0}, {32, 24}, {63, 47}}) {
      int[] bgr = frame.pixel(xy[0], xy[1]);
      assertThat(bgr[0]).as("blue").isCloseTo(b, within(12));
      assertThat(bgr[1]).as("green").isCloseTo(g, within(12));
      assertThat(bgr[2]).as("red").isCloseTo(r, within(12));
    }
  }

  @Test
  void handsOutFramesThatStayValidAfterLaterGrabs() throws Exception {
    Path file = testsrc("moving.mp4", 25, 2);

    Recorder r = streamAll(file, CaptureOptions.defaults());

    // testsrc draws a moving pattern: a shared buffer would make every frame the last one.
    VideoFrame first = r.frames.get(0);
    VideoFrame last = r.frames.get(r.frames.size() - 1);
    assertThat(Arrays.equals(first.bgr(), last.bgr())).isFalse();
    Recorder again = streamAll(file, CaptureOptions.defaults());
    assertThat(again.frames.get(0).bgr()).isEqualTo(first.bgr());
  }

  @ParameterizedTest
  @EnumSource(Containers.class)
  void decodesEveryContainerToAnalysisFramesAndMono16kHzAudio(Containers kind) throws Exception {
    Path file = kind.make(dir);

    Recorder r = streamAll(file, CaptureOptions.defaults());

    double seconds = Containers.SECONDS;
    assertThat(r.sampleCount()).isCloseTo((int) (seconds * 16000), within(1000));
    float[] all = r.allSamples();
    assertThat(Recorder.zeroCrossingFrequency(all, 16000)).isCloseTo(440.0, within(5.0));
    for (float s : all) {
      assertThat(s).isBetween(-1f, 1f);
    }
    if (kind.video) {
      // AVI rounds its length up to 2.04 s, which adds the tick at 2.0 s.
      assertThat(r.frames).hasSizeBetween(10, 11);
      for (int k = 0; k < r.frames.size(); k++) {
        assertThat(r.frameTimes().get(k)).isCloseTo(k * 0.2, within(0.05));
      }
      assertThat(r.frames).allSatisfy(f -> assertThat(f.width()).isEqualTo(320));
      assertThat(r.frames).allSatisfy(f -> assertThat(f.height()).isEqualTo(240));
    } else {
      assertThat(r.frames).isEmpty();
    }
  }

  @Test
  void timesAudioBlocksBackToBackFromTheFirstSample() throws Exception {
    Path file = Containers.M4A.make(dir);

    Recorder r = streamAll(file, CaptureOptions.defaults());

    double expected = r.blocks.get(0).timestampSeconds();
    assertThat(expected).isCloseTo(0.0, within(0.05));
    for (AudioBlock block : r.blocks) {
      assertThat(block.timestampSeconds()).isCloseTo(expected, within(1e-9));
      expected += block.samples().length / 16000.0;
    }
  }

  @Test
  void resamplesToTheRequestedRate() throws Exception {
    Path file = Containers.WAV.make(dir);

    Recorder r = streamAll(file, CaptureOptions.defaults().withAudioSampleRate(8000));

    assertThat(r.sampleCount()).isCloseTo(16000, within(200));
    assertThat(Recorder.zeroCrossingFrequency(r.allSamples(), 8000)).isCloseTo(440, within(5.0));
  }

  @Test
  void videoWithoutAudioGivesFramesAndNoAudio() throws Exception {
    Path file = testsrc("silent.mp4", 25, 1);

    Recorder r = streamAll(file, CaptureOptions.defaults());

    assertThat(r.frames).hasSize(5);
    assertThat(r.blocks).isEmpty();
  }

  @Test
  void countsTimeFromTheFileStartWhenTheContainerStartsLater() throws Exception {
    // MPEG-TS streams start at 1.4 s of stream time.
    Path file = Ffmpeg.testsrcWithSine(dir.resolve("clip.ts"), 2, "-c:v", "libx264", "-c:a", "aac");

    Recorder r = streamAll(file, CaptureOptions.defaults());

    assertThat(r.frameTimes().get(0)).isCloseTo(0.0, within(0.1));
    assertThat(r.blocks.get(0).timestampSeconds()).isCloseTo(0.0, within(0.1));
    assertThat(r.frames).hasSize(10);
  }

  @Test
  void stopsPromptlyWhenCancelled() throws Exception {
    Path file =
        Ffmpeg.testsrcWithSine(dir.resolve("three.mp4"), 3, "-c:v", "libx264", "-c:a", "aac");
    Recorder r = new Recorder();

    StreamSummary summary;
    try (MediaSource source = MediaSource.open(file, CaptureOptions.defaults())) {
      summary = source.stream(r, () -> r.frames.size() >= 3);
    }

    assertThat(summary.cancelled()).isTrue();
    assertThat(summary.warning()).isEmpty();
    assertThat(r.frames).hasSize(3);
    assertThat(summary.videoFramesEmitted()).isEqualTo(3);
    assertThat(summary.decodedUntilSeconds()).isLessThan(1.0);
    assertThat(summary.audioSecondsEmitted()).isLessThan(1.0);
  }

  @Test
  void cancelledBeforeTheFirstFrameEmitsNothing() throws Exception {
    Path file = Containers.MP4.make(dir);
    Recorder r = new Recorder();

    try (MediaSource source = MediaSource.open(file, CaptureOptions.defaults())) {
      StreamSummary summary = source.stream(r, () -> true);
      assertThat(summary.cancelled()).isTrue();
      assertThat(summary.videoFramesEmitted()).isZero();
      assertThat(summary.audioSecondsEmitted()).isZero();
    }
    assertThat(r.frames).isEmpty();
    assertThat(r.blocks).isEmpty();
  }

  @Test
  void summaryCountsWhatTheListenerReceived() throws Exception {
    Path file = Containers.MP4.make(dir);
    Recorder r = new Recorder();
    StreamSummary summary;
    try (MediaSource source = MediaSource.open(file, CaptureOptions.defaults())) {
      assertThat(source.info().hasVideo()).isTrue();
      summary = source.stream(r, () -> false);
    }
    assertThat(summary.videoFramesEmitted()).isEqualTo(r.frames.size());
    assertThat(summary.audioSecondsEmitted()).isCloseTo(r.sampleCount() / 16000.0, within(1e-9));
    assertThat(summary.decodedUntilSeconds()).isCloseTo(Containers.SECONDS, within(0.1));
  }

  @Test
  void streamsOnlyOnceAndNotAfterClose() throws Exception {
    Path file = Containers.WAV.make(dir);
    MediaSource source = MediaSource.open(file, CaptureOptions.defaults());
    source.stream(new MediaListener() {}, () -> false);

    assertThatThrownBy(() -> source.stream(new MediaListener() {}, () -> false))
        .isInstanceOf(IllegalStateException.class);
    source.close();
    source.close();
    assertThatThrownBy(() -> source.stream(new MediaListener() {}, () -> false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void decodeOnlyDecodesEveryFrameAndSample() throws Exception {
    Path file =
        Ffmpeg.testsrcWithSine(dir.resolve("three.mp4"), 3, "-c:v", "libx264", "-c:a", "aac");

    DecodeStats stats = MediaSource.decodeOnly(file);

    assertThat(stats.videoFramesDecoded()).isEqualTo(75);
    assertThat(stats.audioSamplesDecoded()).isCloseTo(48000L, within(800L));
    assertThat(stats.wallSeconds()).isPositive();
    assertThat(stats.videoFramesPerSecond()).isPositive();
  }

  @Test
  void decodeOnlyRefusesBadInputLikeOpen() throws Exception {
    Path missing = dir.resolve("missing.mp4");

    assertThatThrownBy(() -> MediaSource.decodeOnly(missing))
        .isInstanceOf(MediaException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void rejectsInvalidOptions() {
    List<Runnable> bad = new ArrayList<>();
    bad.add(() -> new CaptureOptions(0, 16000));
    bad.add(() -> new CaptureOptions(Double.NaN, 16000));
    bad.add(() -> new CaptureOptions(5, 10));
    for (Runnable r : bad) {
      assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(CaptureOptions.defaults()).isEqualTo(new CaptureOptions(5.0, 16000));
  }
}
