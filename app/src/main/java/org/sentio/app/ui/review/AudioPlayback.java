package org.sentio.app.ui.review;

/**
 * A session's sound being played: the review's audio clock. Every method returns at once (the UI
 * thread calls them); {@link #close()} may wait and is called off the UI thread.
 */
public interface AudioPlayback extends AutoCloseable {

  /** Starts (or resumes) playing from {@code seconds}. */
  void play(double seconds);

  /** Pauses, keeping the position. */
  void pause();

  /** Moves to {@code seconds}, playing on if it was playing. */
  void seek(double seconds);

  /** Seconds of the file heard so far (the audio clock); NaN while unknown. */
  double position();

  /** Frees the player and its device; safe to call twice. */
  @Override
  void close();
}
