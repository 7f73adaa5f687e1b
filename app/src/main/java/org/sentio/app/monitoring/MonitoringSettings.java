package org.sentio.app.monitoring;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The monitoring settings, in {@code <data>/monitoring.properties}: whether the Prometheus endpoint
 * is on (off unless the user turns it on), its port, and the fallback of watched folders ({@code
 * fallback.~/calls=/mnt/backup/calls}: the second folder watched while the first is unreachable).
 */
public record MonitoringSettings(boolean prometheus, int port, Map<String, String> fallbacks) {
  public MonitoringSettings {
    fallbacks = Map.copyOf(fallbacks);
  }

  public MonitoringSettings(boolean prometheus, int port) {
    this(prometheus, port, Map.of());
  }

  public static final String FILE = "monitoring.properties";
  private static final String FALLBACK = "fallback.";
  public static final MonitoringSettings DEFAULT =
      new MonitoringSettings(false, PrometheusEndpoint.DEFAULT_PORT);

  /**
   * Reads the settings; a missing file is the defaults.
   *
   * @throws IOException naming the file and the bad value
   */
  public static MonitoringSettings load(Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolve(FILE);
    if (!Files.exists(file)) {
      return DEFAULT;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String port = p.getProperty("prometheus.port", Integer.toString(DEFAULT.port())).strip();
    int value;
    try {
      value = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 1 || value > 65_535) {
      throw new IOException(
          file + ": prometheus.port \"" + port + "\" is not a port; write one from 1024 to 65535");
    }
    Map<String, String> fallbacks = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(FALLBACK) && key.length() > FALLBACK.length()) {
        String fallback = p.getProperty(key).strip();
        if (fallback.isEmpty()) {
          throw new IOException(
              file + ": " + key + " names no fallback folder; write one or remove the line");
        }
        fallbacks.put(key.substring(FALLBACK.length()), fallback);
      }
    }
    return new MonitoringSettings(
        Boolean.parseBoolean(p.getProperty("prometheus.enabled", "false").strip()),
        value,
        fallbacks);
  }

  public void save(Path dataDirectory) throws IOException {
    Properties p = new Properties();
    p.setProperty("prometheus.enabled", Boolean.toString(prometheus));
    p.setProperty("prometheus.port", Integer.toString(port));
    fallbacks.forEach((folder, fallback) -> p.setProperty(FALLBACK + folder, fallback));
    Files.createDirectories(dataDirectory);
    try (Writer out =
        Files.newBufferedWriter(dataDirectory.resolve(FILE), StandardCharsets.UTF_8)) {
      p.store(out, "Sentio monitoring: the Prometheus endpoint listens on 127.0.0.1 only");
    }
  }
}
