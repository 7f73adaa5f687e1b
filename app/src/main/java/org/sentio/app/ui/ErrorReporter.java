package org.sentio.app.ui;

/** Shows a failure to the user: a one-line message they can act on, details behind an expander. */
@FunctionalInterface
public interface ErrorReporter {
  /**
   * @param title what failed, e.g. "Import failed"
   * @param message what is wrong and what to do, one or two sentences
   * @param details the exception behind it, or {@code null}
   */
  void show(String title, String message, Throwable details);
}
