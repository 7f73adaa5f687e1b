package org.sentio.app.ui.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sentio.app.monitoring.Alert;
import org.sentio.app.monitoring.Monitoring;
import org.sentio.app.monitoring.MonitoringSettings;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;

/**
 * The Monitoring page: every meter of the process (analyses, workflow steps and runs, queues, cache
 * look-ups, errors), the cache hit rate, the alerts, and the switch of the Prometheus endpoint (off
 * by default, 127.0.0.1 only).
 */
public final class MonitoringViewModel implements AutoCloseable {
  /** A meter as a row: its name, its tags, and its value in words. */
  public record MeterRow(String name, String tags, String value) {}

  /** Turns the endpoint on or off and says where it listens (null: off). */
  @FunctionalInterface
  public interface EndpointSwitch {
    InetSocketAddress apply(MonitoringSettings settings) throws IOException;
  }

  private final Monitoring monitoring;
  private final TaskExecutor executor;
  private final I18n i18n;
  private final java.nio.file.Path dataDirectory;
  private final EndpointSwitch endpoint;
  private final MonitoringSettings settings;
  private final ObservableList<MeterRow> meters = FXCollections.observableArrayList();
  private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
  private final StringProperty cacheHitRate = new SimpleStringProperty("");
  private final BooleanProperty prometheus = new SimpleBooleanProperty();
  private final StringProperty port = new SimpleStringProperty();
  private final StringProperty endpointStatus = new SimpleStringProperty("");
  private final Consumer<Alert> onAlert;

  public MonitoringViewModel(
      Monitoring monitoring,
      TaskExecutor executor,
      I18n i18n,
      java.nio.file.Path dataDirectory,
      MonitoringSettings settings,
      InetSocketAddress listening,
      String problem,
      EndpointSwitch endpoint) {
    this.monitoring = monitoring;
    this.executor = executor;
    this.i18n = i18n;
    this.dataDirectory = dataDirectory;
    this.endpoint = endpoint;
    this.settings = settings;
    prometheus.set(settings.prometheus());
    port.set(Integer.toString(settings.port()));
    endpointStatus.set(
        problem != null
            ? i18n.get("monitoring.endpoint.failed", problem)
            : listening == null
                ? i18n.get("monitoring.endpoint.off")
                : i18n.get("monitoring.endpoint.on", address(listening)));
    onAlert = a -> executor.ui(() -> alerts.add(0, a));
    List<Alert> known = new ArrayList<>(monitoring.alerts());
    java.util.Collections.reverse(known);
    alerts.setAll(known);
    monitoring.onAlert(onAlert);
  }

  public ObservableList<MeterRow> meters() {
    return meters;
  }

  public ObservableList<Alert> alerts() {
    return alerts;
  }

  public StringProperty cacheHitRateProperty() {
    return cacheHitRate;
  }

  public BooleanProperty prometheusProperty() {
    return prometheus;
  }

  public StringProperty portProperty() {
    return port;
  }

  public StringProperty endpointStatusProperty() {
    return endpointStatus;
  }

  /** Reads every meter again. */
  public void refresh() {
    List<MeterRow> rows = new ArrayList<>();
    double hits = 0;
    double misses = 0;
    List<Meter> all = new ArrayList<>(monitoring.registry().getMeters());
    all.sort(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> tags(m)));
    for (Meter meter : all) {
      rows.add(new MeterRow(meter.getId().getName(), tags(meter), value(meter)));
      if (meter.getId().getName().equals(Monitoring.CACHE_REQUESTS)) {
        double count = count(meter);
        if ("hit".equals(meter.getId().getTag("result"))) {
          hits += count;
        } else {
          misses += count;
        }
      }
    }
    String rate =
        hits + misses == 0
            ? i18n.get("monitoring.cache.none")
            : i18n.get(
                "monitoring.cache.rate",
                String.format(Locale.ROOT, "%.1f", 100 * hits / (hits + misses)),
                (long) hits,
                (long) (hits + misses));
    executor.ui(
        () -> {
          meters.setAll(rows);
          cacheHitRate.set(rate);
        });
  }

  private static String tags(Meter meter) {
    return meter.getId().getTags().stream()
        .map(t -> t.getKey() + "=" + t.getValue())
        .collect(Collectors.joining(", "));
  }

  private static double count(Meter meter) {
    if (meter instanceof Counter c) {
      return c.count();
    }
    if (meter instanceof FunctionCounter c) {
      return c.count();
    }
    return 0;
  }

  private String value(Meter meter) {
    if (meter instanceof Timer t) {
      return i18n.get(
          "monitoring.timer",
          t.count(),
          String.format(Locale.ROOT, "%.2f", t.mean(TimeUnit.SECONDS)),
          String.format(Locale.ROOT, "%.2f", t.max(TimeUnit.SECONDS)));
    }
    if (meter instanceof Gauge g) {
      return String.format(Locale.ROOT, "%.0f", g.value());
    }
    if (meter instanceof Counter || meter instanceof FunctionCounter) {
      return String.format(Locale.ROOT, "%.0f", count(meter));
    }
    List<String> values = new ArrayList<>();
    meter.measure().forEach(m -> values.add(m.getStatistic() + " " + m.getValue()));
    return String.join(", ", values);
  }

  /**
   * Saves the endpoint setting and turns the endpoint on or off (off the JavaFX thread); a bad or
   * taken port is said in one line and the endpoint stays off.
   */
  public void applyEndpoint() {
    String text = port.get() == null ? "" : port.get().strip();
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 1024 || value > 65_535) {
      endpointStatus.set(i18n.get("monitoring.endpoint.badPort", text));
      prometheus.set(false);
      return;
    }
    MonitoringSettings wanted =
        new MonitoringSettings(prometheus.get(), value, settings.fallbacks());
    executor.background(
        () -> {
          String status;
          try {
            wanted.save(dataDirectory);
            InetSocketAddress at = endpoint.apply(wanted);
            status =
                at == null
                    ? i18n.get("monitoring.endpoint.off")
                    : i18n.get("monitoring.endpoint.on", address(at));
          } catch (IOException | RuntimeException e) {
            status = i18n.get("monitoring.endpoint.failed", e.getMessage());
            executor.ui(() -> prometheus.set(false));
          }
          String shown = status;
          executor.ui(() -> endpointStatus.set(shown));
        });
  }

  private static String address(InetSocketAddress at) {
    return "http://" + at.getAddress().getHostAddress() + ":" + at.getPort() + "/metrics";
  }

  /** The alert in the page's language. */
  public String describe(Alert alert) {
    return i18n.get(
        "monitoring.alert." + alert.kind().name().toLowerCase(Locale.ROOT),
        alert.workflow() == null ? "" : alert.workflow(),
        alert.message());
  }

  @Override
  public void close() {
    monitoring.removeOnAlert(onAlert);
  }
}
