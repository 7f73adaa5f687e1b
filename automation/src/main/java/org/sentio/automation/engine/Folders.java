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

  private Folders() {}

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
