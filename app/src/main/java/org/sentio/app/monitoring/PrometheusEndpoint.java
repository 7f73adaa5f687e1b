package org.sentio.app.monitoring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The meters in Prometheus' text format at {@code http://127.0.0.1:PORT/metrics}, for a Prometheus
 * on the same machine. It listens on the loopback interface only and exists only while the user has
 * turned it on: Sentio opens no socket otherwise.
 */
public final class PrometheusEndpoint implements AutoCloseable {
  /** The port OpenTelemetry's Prometheus exporter uses by default; the settings change it. */
  public static final int DEFAULT_PORT = 9464;

  private final HttpServer server;

  private PrometheusEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on 127.0.0.1 (the loopback address) at {@code port} (0: any free port).
   *
   * @throws IOException when the port is taken (the message names it)
   */
  public static PrometheusEndpoint start(Monitoring monitoring, int port) throws IOException {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port " + port + " is not a port: choose one from 1024 to 65535");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new IOException(
          "cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "); choose another port",
          e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          try (exchange) {
            byte[] body = monitoring.scrape().getBytes(StandardCharsets.UTF_8);
            exchange
                .getResponseHeaders()
                .add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.setExecutor(null);
    server.start();
    return new PrometheusEndpoint(server);
  }

  /** Where it listens. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
