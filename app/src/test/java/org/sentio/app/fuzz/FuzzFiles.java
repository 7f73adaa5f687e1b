package org.sentio.app.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scratch folder per fuzz target, reused by every input (fuzzing runs millions of them). */
final class FuzzFiles {
  private FuzzFiles() {}

  static Path scratch(String name) {
    try {
      Path dir = Files.createTempDirectory("sentio-fuzz-" + name);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A user-facing message must be one line (what, where, what to do), never a dump. */
  static void assertOneLine(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank() || message.contains("\n")) {
      throw new AssertionError("not one clear line: " + message, e);
    }
  }
}
