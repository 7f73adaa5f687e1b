package org.sentio.app.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.sentio.app.SentioHome;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** One desktop window on the headless toolkit, on a given data folder; close to "quit". */
final class DesktopHarness implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath();
  static final Path DEMO = ROOT.resolve("resources/demo/demo.mp4");

  final FxRobot robot = new FxRobot();
  final AppContext context;
  final MainWindow window;
  final Stage stage;

  private DesktopHarness(AppContext context, MainWindow window, Stage stage) {
    this.context = context;
    this.window = window;
    this.stage = stage;
  }

  static DesktopHarness open(Path data) throws Exception {
    return open(data, null);
  }

  /**
   * Opens the desktop on {@code data}; a first run there gets the test settings, with the virtual
   * camera playing {@code cameraFile} (null: the settings' default, the demo video).
   */
  static DesktopHarness open(Path data, Path cameraFile) throws Exception {
    System.setProperty(SentioHome.PROPERTY, ROOT.toString());
    if (!java.nio.file.Files.exists(data.resolve(Settings.FILE))) {
      // 2 analysed frames a second keeps the real-model flow short on a 2-core machine
      Settings d = Settings.defaults(ROOT);
      new Settings(
              d.language(),
              d.theme(),
              d.camera(),
              d.microphone(),
              cameraFile == null ? d.virtualCameraFile() : cameraFile.toString(),
              2.0,
              d.windowSeconds(),
              0,
              "tester")
          .save(data);
    }
    FxToolkit.registerPrimaryStage();
    AppContext context = AppContext.open(data);
    MainWindow[] window = new MainWindow[1];
    Stage[] stage = new Stage[1];
    FxToolkit.setupFixture(
        () -> {
          stage[0] = new Stage();
          window[0] = new MainWindow(context);
          window[0].show(stage[0]);
        });
    WaitForAsyncUtils.waitForFxEvents();
    return new DesktopHarness(context, window[0], stage[0]);
  }

  /**
   * The shortest wait: on CI's two cores, with other builds running, a read in the background or a
   * page's layout can take several seconds. A wait ends as soon as its condition holds, so a longer
   * limit costs a passing test nothing; how fast the UI answers is measured by benchmarks.
   */
  static final long LEAST_WAIT_SECONDS = 30;

  /**
   * Waits until {@code condition} holds (checked on the FX thread), at most {@code seconds} or
   * {@link #LEAST_WAIT_SECONDS}, whichever is longer.
   */
  static void await(long seconds, String what, BooleanSupplier condition) throws TimeoutException {
    long limit = Math.max(seconds, LEAST_WAIT_SECONDS);
    try {
      WaitForAsyncUtils.waitFor(
          limit, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    } catch (TimeoutException e) {
      throw new TimeoutException("waited " + limit + " s for " + what);
    }
  }

  /**
   * Clicks the node {@code target} finds until {@code chosen} holds, three times at most: a click
   * can land while a background read redraws the cells, and a person would simply click again.
   */
  void clickUntil(String what, Supplier<Node> target, BooleanSupplier chosen)
      throws TimeoutException {
    TimeoutException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      await(LEAST_WAIT_SECONDS, what + " drawn", () -> target.get() != null);
      robot.clickOn(target.get());
      try {
        await(LEAST_WAIT_SECONDS, what + " chosen", chosen);
        return;
      } catch (TimeoutException e) {
        last = e;
      }
    }
    throw last;
  }

  void interact(Runnable r) {
    robot.interact(r);
  }

  @Override
  public void close() throws Exception {
    FxToolkit.setupFixture(
        () -> {
          window.dispose();
          stage.close();
        });
    context.close();
  }

  static void closeDialogs() {
    Platform.runLater(
        () ->
            javafx.stage.Window.getWindows().stream()
                .filter(
                    w ->
                        w instanceof Stage s
                            && s.getScene() != null
                            && s.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .toList()
                .forEach(w -> ((Stage) w).close()));
    WaitForAsyncUtils.waitForFxEvents();
  }
}
