package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** The folder a command writes its files to, checked before any work starts. */
final class OutputFolder {
  private OutputFolder() {}

  /**
   * Creates {@code out} when needed and proves it writable with a probe file.
   *
   * @throws UserError naming the folder, why it cannot be written, and what to do
   */
  static void prepare(Path out) throws UserError {
    try {
      Files.createDirectories(out);
      Path probe = Files.createTempFile(out, ".sentio-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new UserError(
          out.toAbsolutePath()
              + ": cannot write there ("
              + reason(e)
              + "); choose another folder with --out",
          e);
    }
  }

  /** Words for why a file operation failed, without the exception's class name. */
  static String reason(Exception e) {
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof AccessDeniedException || e instanceof SecurityException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "a folder on the way cannot be created";
    }
    if (e instanceof FileSystemException fs) {
      return fs.getReason() == null
          ? "the file system refused"
          : fs.getReason().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(e.getMessage());
  }
}
