package org.sentio.app.ui.review;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The app's audio output: JavaFX media where it can play the file's format, otherwise sound decoded
 * by FFmpeg and played through Java Sound. When JavaFX media fails on a file after all (a codec
 * GStreamer lacks), playback moves to the decoded sound where it was. With no audio device, opening
 * says so.
 */
public final class SystemAudioOutput implements AudioOutput {

  /** Whether Java Sound offers an output line (without one, reviews play silently). */
  public static boolean deviceAvailable() {
    return LinePlayback.deviceAvailable();
  }

  @Override
  public AudioPlayback open(Path file, BooleanSupplier cancelled, Consumer<String> failed)
      throws AudioUnavailableException {
    if (!deviceAvailable()) {
      throw new AudioUnavailableException(
          AudioUnavailableException.Reason.NO_DEVICE, "no audio output device");
    }
    if (FxMediaPlayback.plays(file)) {
      Fallback fallback = new Fallback(file, cancelled, failed);
      try {
        fallback.current = FxMediaPlayback.open(file, fallback::fxFailed);
        return fallback;
      } catch (AudioUnavailableException | LinkageError e) {
        // JavaFX media cannot play it after all: decode it instead
      }
    }
    return LinePlayback.open(file, cancelled);
  }

  /**
   * JavaFX media, replaced by decoded sound when it fails; remembers what was asked so the
   * replacement carries on where the first left off.
   */
  static final class Fallback implements AudioPlayback {
    private final Path file;
    private final BooleanSupplier cancelled;
    private final Consumer<String> failed;
    volatile AudioPlayback current;
    private volatile boolean playing;
    private volatile double asked;
    private volatile boolean closed;
    private boolean fellBack;

    Fallback(Path file, BooleanSupplier cancelled, Consumer<String> failed) {
      this.file = file;
      this.cancelled = cancelled;
      this.failed = failed;
    }

    /** JavaFX media gave up: decode the sound on a thread of its own and swap it in. */
    synchronized void fxFailed(String why) {
      if (fellBack || closed) {
        failed.accept(why);
        return;
      }
      fellBack = true;
      Thread t =
          new Thread(
              () -> {
                try {
                  AudioPlayback line =
                      LinePlayback.open(file, () -> closed || cancelled.getAsBoolean());
                  synchronized (this) {
                    if (closed) {
                      line.close();
                      return;
                    }
                    current = line;
                  }
                  if (playing) {
                    line.play(asked);
                  } else {
                    line.seek(asked);
                  }
                } catch (AudioUnavailableException e) {
                  failed.accept(why + "; " + e.getMessage());
                }
              },
              "sentio-review-audio-fallback");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void play(double seconds) {
      playing = true;
      asked = seconds;
      current.play(seconds);
    }

    @Override
    public void pause() {
      playing = false;
      double p = current.position();
      if (Double.isFinite(p)) {
        asked = p;
      }
      current.pause();
    }

    @Override
    public void seek(double seconds) {
      asked = seconds;
      current.seek(seconds);
    }

    @Override
    public double position() {
      double p = current.position();
      if (playing && Double.isFinite(p)) {
        asked = p;
      }
      return p;
    }

    @Override
    public void close() {
      AudioPlayback c;
      synchronized (this) {
        closed = true;
        c = current;
      }
      c.close();
    }
  }
}
