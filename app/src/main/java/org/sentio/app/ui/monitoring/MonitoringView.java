package org.sentio.app.ui.monitoring;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.sentio.app.monitoring.Alert;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.monitoring.MonitoringViewModel.MeterRow;

/** The Monitoring page: meters, cache hit rate, alerts and the Prometheus switch. */
public final class MonitoringView extends BorderPane {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final MonitoringViewModel model;
  private final Timeline poll;

  public MonitoringView(MonitoringViewModel model, I18n i18n) {
    this.model = model;
    setId("monitoring-view");
    getStyleClass().add("page");
    Label title = new Label(i18n.get("monitoring.title"));
    title.getStyleClass().addAll("title-2", "page-title");
    Label cache = new Label();
    cache.setId("monitoring-cache");
    cache.textProperty().bind(model.cacheHitRateProperty());
    VBox top = new VBox(6, title, cache);
    top.setPadding(new Insets(0, 0, 12, 0));
    setTop(top);

    TableView<MeterRow> meters = new TableView<>(model.meters());
    meters.setId("monitoring-meters");
    meters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    meters.getColumns().add(col(i18n.get("monitoring.column.meter"), MeterRow::name));
    meters.getColumns().add(col(i18n.get("monitoring.column.tags"), MeterRow::tags));
    meters.getColumns().add(col(i18n.get("monitoring.column.value"), MeterRow::value));
    meters.setPlaceholder(new Label(i18n.get("monitoring.empty")));

    ListView<Alert> alerts = new ListView<>(model.alerts());
    alerts.setId("monitoring-alerts");
    alerts.setPrefHeight(150);
    alerts.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : TIME.format(a.at()) + "  " + model.describe(a));
              }
            });
    alerts.setPlaceholder(new Label(i18n.get("monitoring.alerts.none")));
    Label alertsTitle = new Label(i18n.get("monitoring.alerts"));
    alertsTitle.getStyleClass().add("title-4");

    CheckBox prometheus = new CheckBox(i18n.get("monitoring.endpoint.enable"));
    prometheus.setId("monitoring-prometheus");
    prometheus.selectedProperty().bindBidirectional(model.prometheusProperty());
    TextField port = new TextField();
    port.setId("monitoring-port");
    port.setPrefColumnCount(6);
    port.textProperty().bindBidirectional(model.portProperty());
    Button apply = new Button(i18n.get("monitoring.endpoint.apply"));
    apply.setId("monitoring-apply");
    apply.setOnAction(e -> model.applyEndpoint());
    Label status = new Label();
    status.setId("monitoring-endpoint-status");
    status.setWrapText(true);
    status.textProperty().bind(model.endpointStatusProperty());
    HBox endpoint =
        new HBox(8, prometheus, new Label(i18n.get("monitoring.endpoint.port")), port, apply);
    endpoint.setAlignment(Pos.CENTER_LEFT);
    Label endpointTitle = new Label(i18n.get("monitoring.endpoint"));
    endpointTitle.getStyleClass().add("title-4");

    VBox center = new VBox(8, meters, alertsTitle, alerts, endpointTitle, endpoint, status);
    VBox.setVgrow(meters, Priority.ALWAYS);
    setCenter(center);

    poll = new Timeline(new KeyFrame(Duration.seconds(2), e -> model.refresh()));
    poll.setCycleCount(Timeline.INDEFINITE);
    sceneProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                poll.stop();
              } else {
                model.refresh();
                poll.play();
              }
            });
  }

  private static <T> TableColumn<T, String> col(String title, Function<T, String> value) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    return c;
  }

  /** Stops reading the meters; the model stops listening for alerts. */
  public void dispose() {
    poll.stop();
    model.close();
  }
}
