package org.sentio.app.ui;

import javafx.application.Application;
import org.sentio.app.UserCache;

/**
 * Starts the desktop application. Not an {@link Application} itself: with JavaFX on the class path
 * the main class must not extend it.
 */
public final class DesktopLauncher {
  private DesktopLauncher() {}

  public static void main(String[] args) {
    UserCache.configure();
    Application.launch(SentioApp.class, args);
  }
}
