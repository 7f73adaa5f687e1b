package org.sentio.app.ui.review;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Opens a media file's sound for playback (the real one plays it on the default audio device). */
public interface AudioOutput {

  /**
   * Opens {@code file}'s sound; called off the UI thread.
   *
   * @param cancelled polled while the sound is decoded: true when it is no longer wanted
   * @param failed told, on any thread, when playback fails after opening (with why)
   * @throws AudioUnavailableException when there is no audio device or the sound cannot be read
   */
  AudioPlayback open(Path file, BooleanSupplier cancelled, Consumer<String> failed)
      throws AudioUnavailableException;

  /** No sound at all: every open says there is no audio device. */
  AudioOutput NONE =
      (file, cancelled, failed) -> {
        throw new AudioUnavailableException(
            AudioUnavailableException.Reason.NO_DEVICE, "no audio output");
      };
}
