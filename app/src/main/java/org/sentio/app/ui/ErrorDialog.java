package org.sentio.app.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The friendly error dialog: what failed and what to do in the main text, the technical details
 * behind an expander. Logged once here. Shown without blocking the caller.
 */
public final class ErrorDialog implements ErrorReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);
  private final java.util.function.Supplier<Window> owner;
  private final I18n i18n;

  public ErrorDialog(java.util.function.Supplier<Window> owner, I18n i18n) {
    this.owner = owner;
    this.i18n = i18n;
  }

  @Override
  public void show(String title, String message, Throwable details) {
    LOG.warn("{}: {}", title, message, details);
    Alert alert = new Alert(Alert.AlertType.ERROR);
    Window w = owner.get();
    if (w != null && w.isShowing()) {
      alert.initOwner(w);
    }
    alert.setTitle(i18n.get("app.title"));
    alert.setHeaderText(title);
    alert.setContentText(message);
    alert.getDialogPane().setId("error-dialog");
    UiFonts.apply(alert.getDialogPane(), i18n.locale());
    alert.getDialogPane().setMinWidth(480);
    if (details != null) {
      StringWriter trace = new StringWriter();
      details.printStackTrace(new PrintWriter(trace));
      TextArea area = new TextArea(trace.toString());
      area.setEditable(false);
      area.setWrapText(false);
      area.setPrefRowCount(12);
      area.setId("error-details");
      VBox box = new VBox(6, new Label(i18n.get("error.details")), area);
      alert.getDialogPane().setExpandableContent(box);
    }
    alert.show();
  }
}
