package org.sentio.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus endpoint: off unless the settings turn it on; when on it answers on 127.0.0.1 and
 * on no other address of the machine; a bad or taken port is one clear message.
 */
class PrometheusEndpointTest {
  @TempDir Path data;

  private final Monitoring monitoring = new Monitoring(Clock.systemUTC(), AlertRules.DEFAULT);

  @Test
  void theEndpointIsOffUnlessTheUserTurnsItOn() throws IOException {
    assertThat(MonitoringSettings.load(data)).isEqualTo(MonitoringSettings.DEFAULT);
    assertThat(MonitoringSettings.DEFAULT.prometheus()).isFalse();
    new MonitoringSettings(true, 9999).save(data);
    assertThat(MonitoringSettings.load(data)).isEqualTo(new MonitoringSettings(true, 9999));
  }

  @Test
  void enabledItServesTheMetersOnTheLoopbackAddressOnly() throws Exception {
    monitoring.analysis("import", Duration.ofSeconds(3), true);
    try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(monitoring, 0)) {
      InetSocketAddress at = endpoint.address();
      assertThat(at.getAddress().isLoopbackAddress()).isTrue();
      assertThat(at.getAddress().getHostAddress()).isEqualTo("127.0.0.1");

      HttpURLConnection get =
          (HttpURLConnection)
              new URL("http://127.0.0.1:" + at.getPort() + "/metrics").openConnection();
      String body;
      try (InputStream in = get.getInputStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(get.getResponseCode()).isEqualTo(200);
      assertThat(body)
          .contains("sentio_analysis_seconds_count{outcome=\"ok\",source=\"import\"} 1");

      List<InetAddress> others = new ArrayList<>();
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            others.add(address);
          }
        }
      }
      for (InetAddress other : others) {
        assertThatThrownBy(
                () -> {
                  try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other, at.getPort()), 2000);
                  }
                })
            .as("the endpoint must not answer on %s", other)
            .isInstanceOf(ConnectException.class);
      }
      System.out.println(
          "PrometheusEndpointTest: refused on " + others.size() + " non-loopback address(es)");
    }
  }

  @Test
  void aBadOrTakenPortIsOneClearMessage() throws Exception {
    assertThatThrownBy(() -> PrometheusEndpoint.start(monitoring, 70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port 70000 is not a port: choose one from 1024 to 65535");
    try (PrometheusEndpoint first = PrometheusEndpoint.start(monitoring, 0)) {
      int taken = first.address().getPort();
      assertThatThrownBy(() -> PrometheusEndpoint.start(monitoring, taken))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken)
          .hasMessageEndingWith("; choose another port");
    }
    Files.writeString(data.resolve(MonitoringSettings.FILE), "prometheus.port=http\n");
    assertThatThrownBy(() -> MonitoringSettings.load(data))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(MonitoringSettings.FILE)
        .hasMessageContaining("\"http\" is not a port");
  }
}
