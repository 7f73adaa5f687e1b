package org.sentio.app.ui;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Desktop notifications inside the window: short cards in the bottom-right corner over the page,
 * each closed by its button or after a while. Sentio shows them in the window rather than through
 * the operating system's notification service, which a headless or sandboxed desktop may lack and
 * which Java reaches only through AWT's system tray; the Workflows page keeps the full list.
 */
public final class NotificationArea extends VBox {
  private static final int MOST_SHOWN = 4;
  private static final Duration SHOWN_FOR = Duration.seconds(20);

  public NotificationArea() {
    super(6);
    setId("notification-area");
    setPickOnBounds(false);
    setAlignment(Pos.BOTTOM_RIGHT);
    setPadding(new Insets(12));
    setMaxSize(420, USE_PREF_SIZE);
  }

  /** Shows {@code text} as a card; {@code urgent} cards (a failure) are drawn as warnings. */
  public void show(String text, boolean urgent) {
    Label message = new Label(text);
    message.setWrapText(true);
    message.setMaxWidth(340);
    HBox.setHgrow(message, Priority.ALWAYS);
    Button close = new Button(null, new FontIcon(Feather.X));
    close.getStyleClass().addAll("flat", "notification-close");
    HBox card =
        new HBox(8, new FontIcon(urgent ? Feather.ALERT_TRIANGLE : Feather.BELL), message, close);
    card.getStyleClass()
        .addAll("notification", urgent ? "notification-urgent" : "notification-info");
    card.setAlignment(Pos.CENTER_LEFT);
    card.setPadding(new Insets(10));
    card.setStyle(
        "-fx-background-color: -color-bg-overlay; -fx-border-color: "
            + (urgent ? "-color-danger-emphasis" : "-color-accent-emphasis")
            + "; -fx-border-radius: 6; -fx-background-radius: 6;");
    close.setOnAction(e -> getChildren().remove(card));
    getChildren().add(card);
    while (getChildren().size() > MOST_SHOWN) {
      getChildren().remove(0);
    }
    PauseTransition later = new PauseTransition(SHOWN_FOR);
    later.setOnFinished(e -> getChildren().remove(card));
    later.play();
  }
}
