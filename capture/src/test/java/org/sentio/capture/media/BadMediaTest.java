package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BadMediaTest {

  @TempDir static Path dir;

  /** Opening a file either way must fail the same way. */
  enum Opener {
    PROBE {
      @Override
      void open(Path p) throws MediaException {
        MediaProbe.probe(p);
      }
    },
    SOURCE {
      @Override
      void open(Path p) throws MediaException {
        MediaSource.open(p, CaptureOptions.defaults()).close();
      }
    };

    abstract void open(Path p) throws MediaException;
  }

  interface Maker {
    Path make(Path dir) throws Exception;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  static Stream<Arguments> badFiles() {
    Maker missing = d -> d.resolve("missing.mp4");
    Maker folder = d -> Files.createDirectories(d.resolve("folder.mp4"));
    Maker empty = d -> Files.write(d.resolve("empty.wav"), new byte[0]);
    Maker randomMp4 = d -> Files.write(d.resolve("random.mp4"), randomBytes(20_000));
    Maker randomWav = d -> Files.write(d.resolve("random.wav"), randomBytes(20_000));
    Maker textMp4 =
        d ->
            Files.writeString(
                d.resolve("notes.mp4"),
                "Meeting notes\nThe customer called about the invoice.\n".repeat(50));
    Maker subtitlesOnly =
        d -> {
          Path srt =
              Files.writeString(
                  d.resolve("only.srt"), "1\n00:00:00,000 --> 00:00:01,000\nhello\n\n");
          return Ffmpeg.make(d.resolve("subtitles-only.mkv"), "-i", srt.toString());
        };
    return Stream.of(
        Arguments.of("missing", missing, "no such file"),
        Arguments.of("folder", folder, "is a folder, not a media file"),
        Arguments.of("empty", empty, "the file is empty (0 bytes)"),
        Arguments.of("random .mp4", randomMp4, "not a media file FFmpeg can read ("),
        Arguments.of("random .wav", randomWav, "not a media file FFmpeg can read ("),
        Arguments.of("text as .mp4", textMp4, "not a media file FFmpeg can read ("),
        Arguments.of("subtitles only", subtitlesOnly, "has no audio or video stream"));
  }

  static Stream<Arguments> badFilesBothWays() {
    return badFiles()
        .flatMap(
            a ->
                Stream.of(Opener.values())
                    .map(o -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], o)));
  }

  @ParameterizedTest(name = "{0} via {3}")
  @MethodSource("badFilesBothWays")
  void refusesBadInputWithOneLineNamingFileAndProblem(
      String label, Maker maker, String problem, Opener opener) throws Exception {
    Path file = maker.make(dir);

    MediaException e = catchThrowableOfType(MediaException.class, () -> opener.open(file));

    assertThat(e).as(label).isNotNull();
    assertThat(e.getMessage()).startsWith(file + ": ").contains(problem);
    assertOneLineForUsers(e.getMessage());
    assertThat(e.path()).isEqualTo(file);
  }

  @Test
  void notMediaKeepsFfmpegsReasonAndTheCause() throws Exception {
    Path file = Files.writeString(dir.resolve("words.mp4"), "just some words, not a video\n");

    MediaException e = catchThrowableOfType(MediaException.class, () -> MediaProbe.probe(file));

    assertThat(e.getMessage()).matches(".*not a media file FFmpeg can read \\(.+\\)$");
    assertThat(e.getCause()).isNotNull();
    assertOneLineForUsers(e.getMessage());
  }

  @Test
  void refusesAFileItMayNotRead() throws Exception {
    Path file = Containers.WAV.make(dir);
    Path locked = Files.copy(file, dir.resolve("locked.wav"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(locked), "running as root: permissions are not enforced");

    MediaException e = catchThrowableOfType(MediaException.class, () -> MediaProbe.probe(locked));

    assertThat(e.getMessage()).isEqualTo(locked + ": cannot be read (permission denied)");
  }

  static void assertOneLineForUsers(String message) {
    assertThat(message).doesNotContain("\n").doesNotContain("\r");
    assertThat(message).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(message).doesNotContainPattern("@ ?0x[0-9a-f]+\\]");
  }

  @Test
  void messagesAreUtf8Safe() throws Exception {
    Path file = Files.write(dir.resolve("überweisung–anruf.mp4"), randomBytes(5000));

    MediaException e = catchThrowableOfType(MediaException.class, () -> MediaProbe.probe(file));

    assertThat(e.getMessage()).startsWith(file.toString());
    assertThat(new String(e.getMessage().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(e.getMessage());
  }
}
