package org.sentio.app.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Starts the real desktop application ({@link DesktopLauncher}, arguments passed on) in a child JVM
 * and exits 0 once its main window shows with its pages built, printing "started"; exits 3 if it
 * has not shown within 60 s.
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) {
    ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    poll.scheduleWithFixedDelay(
        () -> {
          if (System.nanoTime() > deadline) {
            System.out.println("not started in 60 s");
            System.exit(3);
          }
          try {
            Platform.runLater(
                () -> {
                  for (Window w : Window.getWindows()) {
                    if (w instanceof Stage s
                        && s.isShowing()
                        && s.getScene() != null
                        && s.getScene().lookup("#nav-models") != null) {
                      System.out.println("started");
                      System.out.flush();
                      System.exit(0);
                    }
                  }
                });
          } catch (IllegalStateException toolkitNotYetStarted) {
            // JavaFX is still starting: ask again on the next tick
          }
        },
        500,
        250,
        TimeUnit.MILLISECONDS);
    DesktopLauncher.main(args);
  }
}
