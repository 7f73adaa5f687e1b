package org.sentio.automation.engine;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Folders as people write them ({@code ~/calls}) and the recordings in them. */
public final class Folders {
  /** The file types a workflow takes in as recordings. */
  public static final Set<String> MEDIA_EXTENSIONS =
      Set.of(
          "mp4", "mkv", "mov", "avi", "webm", "m4v", "wav", "mp3", "m4a", "flac", "ogg", "opus",
          "aac", "wma");

  /**
   * A recording modified more recently than this may still be being copied in: it is left for the
   * next run rather than read half-written.
   */
  public static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(5);

  private Folders() {}

  /** True when {@code file} was last modified at least {@link #SETTLE} before {@code now}. */
  public static boolean settled(Path file, java.time.Instant now) {
    try {
      return !Files.getLastModifiedTime(file).toInstant().isAfter(now.minus(SETTLE));
    } catch (java.io.IOException e) {
      return false; // gone or unreadable right now: looked at again next time
    }
  }

  /** Expands a leading {@code ~} to the home folder and makes the path absolute. */
  public static Path expand(String folder) {
    String text = folder.strip();
    if (text.equals("~") || text.startsWith("~/") || text.startsWith("~\\")) {
      text = System.getProperty("user.home") + text.substring(1);
    }
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("\"" + folder + "\" is not a valid path here", e);
    }
  }

  /**
   * The folder to read from, checked.
   *
   * @throws IllegalArgumentException naming the folder and what is wrong with it
   */
  public static Path readable(String folder) {
    Path path = expand(folder);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          folder + " (" + path + "): the folder does not exist; create it or fix the workflow");
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(folder + " (" + path + "): not a folder");
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(
          folder + " (" + path + "): the folder is not readable by this user");
    }
    return path;
  }

  public static boolean isMedia(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0
        && !name.startsWith(".")
        && MEDIA_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
