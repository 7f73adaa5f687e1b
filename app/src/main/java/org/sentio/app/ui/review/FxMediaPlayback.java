package org.sentio.app.ui.review;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import javafx.util.Duration;

/** Sound played by JavaFX media (MP4/AAC, M4A, MP3, WAV, AIFF); its calls return at once. */
final class FxMediaPlayback implements AudioPlayback {
  private final MediaPlayer player;
  private volatile boolean closed;

  private FxMediaPlayback(MediaPlayer player) {
    this.player = player;
  }

  /** Whether JavaFX media is meant to play {@code file}'s container. */
  static boolean plays(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "mp4", "m4a", "m4v", "mp3", "wav", "aif", "aiff" -> true;
      default -> false;
    };
  }

  static FxMediaPlayback open(Path file, Consumer<String> failed) throws AudioUnavailableException {
    try {
      MediaPlayer player = new MediaPlayer(new Media(file.toUri().toString()));
      FxMediaPlayback playback = new FxMediaPlayback(player);
      player.setOnError(
          () -> {
            if (!playback.closed) {
              playback.close();
              failed.accept(String.valueOf(player.getError()));
            }
          });
      return playback;
    } catch (MediaException | UnsupportedOperationException | IllegalStateException e) {
      throw new AudioUnavailableException(
          AudioUnavailableException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public void play(double seconds) {
    if (!closed) {
      player.seek(Duration.seconds(seconds));
      player.play();
    }
  }

  @Override
  public void pause() {
    if (!closed) {
      player.pause();
    }
  }

  @Override
  public void seek(double seconds) {
    if (!closed) {
      player.seek(Duration.seconds(seconds));
    }
  }

  @Override
  public double position() {
    if (closed || player.getStatus() != MediaPlayer.Status.PLAYING) {
      return Double.NaN;
    }
    Duration t = player.getCurrentTime();
    return t == null || t.isUnknown() ? Double.NaN : t.toSeconds();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      player.dispose();
    }
  }
}
