package org.sentio.app.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.sentio.app.DataDirectory;
import org.sentio.app.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: opens the store in the data folder and shows the main window. */
public final class SentioApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(SentioApp.class);
  private AppContext context;
  private StoreException openFailure;
  private MainWindow window;

  /**
   * Opens the store on the launcher thread, not the JavaFX Application Thread: migrating it and
   * asking the OS keyring for its key can take seconds (ADR 0032).
   */
  @Override
  public void init() {
    String dir = getParameters().getNamed().get("data-dir");
    Path data = DataDirectory.resolve(dir == null ? null : Path.of(dir));
    try {
      context = AppContext.open(data);
    } catch (StoreException e) {
      openFailure = e;
    }
  }

  @Override
  public void start(Stage stage) {
    if (openFailure != null) {
      StoreException e = openFailure;
      LOG.error("cannot open the store", e);
      Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
      alert.setHeaderText("Sentio cannot open its data folder");
      alert.showAndWait();
      Platform.exit();
      return;
    }
    Thread.currentThread()
        .setUncaughtExceptionHandler(
            (t, e) -> {
              LOG.error("uncaught", e);
              new ErrorDialog(() -> stage, context.i18n())
                  .show(
                      context.i18n().get("error.unexpected.title"),
                      context.i18n().get("error.internal"),
                      e);
            });
    window = new MainWindow(context);
    window.show(stage);
    // --session=ID opens a session in Review; --page=NAME shows a page; --live starts the preview
    String session = getParameters().getNamed().get("session");
    if (session != null) {
      window.openReview(Long.parseLong(session));
    }
    String page = getParameters().getNamed().get("page");
    if (page != null) {
      window.show(MainWindow.Page.valueOf(page.toUpperCase(java.util.Locale.ROOT)));
    }
    if (getParameters().getUnnamed().contains("--live")) {
      window.show(MainWindow.Page.LIVE);
      window.live().startPreview();
      if (getParameters().getUnnamed().contains("--record")) {
        window
            .live()
            .stateProperty()
            .addListener(
                (o, a, b) -> {
                  if (b == org.sentio.app.ui.live.LiveViewModel.State.PREVIEW
                      && a == org.sentio.app.ui.live.LiveViewModel.State.STARTING) {
                    window.live().startRecording();
                  }
                });
      }
    }
  }

  @Override
  public void stop() throws Exception {
    if (window != null) {
      window.dispose();
    }
    if (context != null) {
      context.close();
    }
  }
}
