package org.sentio.app.ui;

/**
 * Runs work off the JavaFX Application Thread and hands results back to it. View models take one of
 * these so that tests can run everything on the calling thread ({@link #sameThread()}).
 */
public interface TaskExecutor {

  /** Runs {@code work} on a background thread (long jobs: analysis, decoding, store access). */
  void background(Runnable work);

  /** Runs {@code update} on the UI thread (property changes that views observe). */
  void ui(Runnable update);

  /** Runs both kinds of work at once on the calling thread: for view-model tests. */
  static TaskExecutor sameThread() {
    return new TaskExecutor() {
      @Override
      public void background(Runnable work) {
        work.run();
      }

      @Override
      public void ui(Runnable update) {
        update.run();
      }
    };
  }
}
