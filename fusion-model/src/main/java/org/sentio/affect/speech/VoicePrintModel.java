package org.sentio.affect.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.vosk.SpeakerModel;

/**
 * The x-vector speaker model ({@code speaker-xvector}) loaded for libvosk, so that a recognition
 * stream can give the voice print of each stretch of speech it recognises (ADR 0052). Owns the
 * native model; close it after the streams that use it.
 */
public final class VoicePrintModel implements AutoCloseable {
  /** Floats in one x-vector. */
  public static final int DIMENSION = 128;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SpeakerModel model;
  private boolean closed;

  private VoicePrintModel(SpeakerModel model) {
    this.model = model;
  }

  /**
   * Checks every file of the model in {@code directory} against its manifest, then loads it.
   *
   * @param restoreHint what a user does when a file is missing or altered
   * @throws ModelException one line naming the folder or file and what to do
   */
  public static VoicePrintModel open(Path directory, String restoreHint) throws ModelException {
    verifyFiles(directory, restoreHint);
    try {
      return new VoicePrintModel(new SpeakerModel(directory.toAbsolutePath().toString()));
    } catch (IOException e) {
      throw new ModelException(
          directory + ": libvosk could not load the speaker model; " + restoreHint, e);
    }
  }

  /**
   * Checks every file the manifest's {@code files} list names against its sha256 (the model
   * registry checks only the main {@code file}).
   */
  public static void verifyFiles(Path directory, String restoreHint) throws ModelException {
    Path manifestFile = directory.resolve("manifest.json");
    JsonNode files;
    try {
      files = JSON.readTree(manifestFile.toFile()).path("files");
    } catch (IOException e) {
      throw new ModelException(manifestFile + ": unreadable model manifest; " + restoreHint, e);
    }
    if (!files.isArray() || files.isEmpty()) {
      throw new ModelException(manifestFile + ": the manifest lists no files; " + restoreHint);
    }
    for (JsonNode entry : files) {
      Path file = directory.resolve(entry.path("path").asText());
      String expected = entry.path("sha256").asText();
      String actual;
      try {
        actual = ModelRegistry.sha256(file);
      } catch (NoSuchFileException e) {
        throw new ModelException(file + ": model file is missing; " + restoreHint, e);
      } catch (IOException e) {
        throw new ModelException(
            file + ": model file cannot be read (" + e + "); " + restoreHint, e);
      }
      if (!actual.equalsIgnoreCase(expected)) {
        throw new ModelException(
            file
                + ": checksum mismatch (sha256 "
                + actual
                + ", manifest says "
                + expected
                + "); the file was altered or replaced; "
                + restoreHint);
      }
    }
  }

  SpeakerModel nativeModel() {
    if (closed) {
      throw new IllegalStateException("the voice print model is closed");
    }
    return model;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }
}
