package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.monitoring.MonitoringSettings;
import org.sentio.app.ui.monitoring.MonitoringViewModel.MeterRow;

/**
 * The Monitoring page on the headless toolkit: it lists the meters of the running app; the
 * Prometheus endpoint is off until the user turns it on there, then serves the meters on 127.0.0.1,
 * remembers the choice, and closes when turned off; a bad port is refused in one line.
 */
class MonitoringPageTest {
  @TempDir Path data;

  @Test
  void theMetersShowAndThePrometheusEndpointIsOffUntilTurnedOnOnLoopback() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (DesktopHarness app = DesktopHarness.open(data)) {
      assertThat(app.context.prometheusAddress()).as("off by default: no socket").isNull();
      app.robot.clickOn("#nav-monitoring");
      Label status = app.robot.lookup("#monitoring-endpoint-status").queryAs(Label.class);
      assertThat(status.getText()).isEqualTo("Off: Sentio opens no network socket.");
      @SuppressWarnings("unchecked")
      TableView<MeterRow> meters = app.robot.lookup("#monitoring-meters").queryAs(TableView.class);
      DesktopHarness.await(
          10,
          "the workflow queue gauges",
          () ->
              meters.getItems().stream()
                  .anyMatch(
                      r ->
                          r.name().equals("sentio.workflow.queue")
                              && r.tags().equals("state=waiting_for_review")
                              && r.value().equals("0")));

      TextField portField = app.robot.lookup("#monitoring-port").queryAs(TextField.class);
      app.interact(() -> portField.setText("80"));
      app.robot.clickOn("#monitoring-prometheus");
      app.robot.clickOn("#monitoring-apply");
      DesktopHarness.await(5, "the refusal of port 80", () -> status.getText().contains("\"80\""));
      assertThat(app.context.prometheusAddress()).isNull();

      app.interact(() -> portField.setText(Integer.toString(port)));
      CheckBox enable = app.robot.lookup("#monitoring-prometheus").queryAs(CheckBox.class);
      if (!enable.isSelected()) {
        app.robot.clickOn("#monitoring-prometheus");
      }
      app.robot.clickOn("#monitoring-apply");
      DesktopHarness.await(
          10, "the endpoint", () -> status.getText().startsWith("On: http://127.0.0.1:" + port));
      assertThat(app.context.prometheusAddress().getAddress().isLoopbackAddress()).isTrue();
      HttpURLConnection get =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
      try (InputStream in = get.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .contains("sentio_workflow_queue{state=\"waiting_for_review\"} 0");
      }
      assertThat(MonitoringSettings.load(data)).isEqualTo(new MonitoringSettings(true, port));

      app.robot.clickOn("#monitoring-prometheus");
      app.robot.clickOn("#monitoring-apply");
      DesktopHarness.await(10, "the endpoint off", () -> status.getText().startsWith("Off"));
      assertThat(app.context.prometheusAddress()).isNull();
      assertThat(MonitoringSettings.load(data).prometheus()).isFalse();
    }
  }
}
