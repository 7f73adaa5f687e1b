package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes test media with Debian's ffmpeg command-line tool. */
final class Ffmpeg {

  private Ffmpeg() {}

  /** Runs {@code ffmpeg -y -v error <args> <out>} and returns {@code out}. */
  static Path make(Path out, String... args) throws IOException, InterruptedException {
    if (Files.exists(out)) {
      return out;
    }
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error"));
    cmd.addAll(List.of(args));
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] log = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as("ffmpeg %s: %s", cmd, new String(log, StandardCharsets.UTF_8))
        .isZero();
    return out;
  }

  /** Test pattern video plus a 440 Hz sine, {@code seconds} long. */
  static Path testsrcWithSine(Path out, double seconds, String... codecArgs)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x240:rate=25",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=44100",
                "-t",
                Double.toString(seconds)));
    args.addAll(List.of(codecArgs));
    return make(out, args.toArray(String[]::new));
  }

  /** A 440 Hz sine only, {@code seconds} long. */
  static Path sine(Path out, double seconds, String... codecArgs)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:sample_rate=44100",
                "-t",
                Double.toString(seconds)));
    args.addAll(List.of(codecArgs));
    return make(out, args.toArray(String[]::new));
  }

  /** The first {@code fraction} of {@code source}'s bytes, written to {@code out}. */
  static Path truncated(Path source, Path out, double fraction) throws IOException {
    byte[] all = Files.readAllBytes(source);
    Files.write(out, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
    return out;
  }
}
