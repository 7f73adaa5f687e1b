package org.sentio.app.ui.review;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The app's audio output: JavaFX media where it can play the file's format, otherwise sound decoded
 * by FFmpeg and played through Java Sound. With no audio device, opening says so.
 */
public final class SystemAudioOutput implements AudioOutput {

  /** Whether Java Sound offers an output line (without one, reviews play silently). */
  public static boolean deviceAvailable() {
    return LinePlayback.deviceAvailable();
  }

  @Override
  public AudioPlayback open(Path file, Consumer<String> failed) throws AudioUnavailableException {
    if (!LinePlayback.deviceAvailable()) {
      throw new AudioUnavailableException(
          AudioUnavailableException.Reason.NO_DEVICE, "no audio output device");
    }
    if (FxMediaPlayback.plays(file)) {
      try {
        return FxMediaPlayback.open(file, failed);
      } catch (AudioUnavailableException | LinkageError e) {
        // JavaFX media cannot play it after all: decode it instead
      }
    }
    return LinePlayback.open(file);
  }
}
