package org.sentio.app.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sentio.affect.pipeline.StageTimes;
import org.sentio.automation.engine.Folders;

/**
 * The meters and alerts of one Sentio process. Its {@link #registry()} is where every part binds
 * its meters — the feature cache binds {@value #CACHE_REQUESTS} there, tagged {@code level} and
 * {@code result} (hit or miss), and the Monitoring page shows the hit rate from it. Alerts go to
 * the listeners (the desktop's notification area) and are kept for the page.
 */
public final class Monitoring {
  /** Timer of whole analyses, tagged {@code source} (import, workflow) and {@code outcome}. */
  public static final String ANALYSIS = "sentio.analysis";

  /** Timer of workflow steps, tagged {@code skill} and {@code outcome}. */
  public static final String STEP = "sentio.workflow.step";

  /** Counter of finished workflow runs, tagged {@code status}. */
  public static final String RUNS = "sentio.workflow.runs";

  /** Gauge of runs in a state, tagged {@code state} (waiting for review, running). */
  public static final String QUEUE = "sentio.workflow.queue";

  /** Timer of one model's inference, tagged {@code model}, for parts that time their models. */
  public static final String MODEL_LATENCY = "sentio.model.latency";

  /** Counter of cache look-ups, tagged {@code level} and {@code result} (hit, miss). */
  public static final String CACHE_REQUESTS = "sentio.cache.requests";

  /** Counter of errors, tagged {@code where}. */
  public static final String ERRORS = "sentio.errors";

  /** Counter of alerts raised, tagged {@code kind}. */
  public static final String ALERTS = "sentio.alerts";

  private static final int KEPT_ALERTS = 200;

  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  private final AlertRules rules;
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();
  private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<Path, String> fallbacks = Map.of();

  public Monitoring(Clock clock, AlertRules rules) {
    this.clock = clock;
    this.rules = rules;
    // Prometheus' registry keeps the meters in memory (it opens no socket); the endpoint, when the
    // user turns it on, only serves its text. Added first, it sees every recording from the start.
    registry.add(prometheus);
  }

  /** The meters in Prometheus' text format. */
  public String scrape() {
    return prometheus.scrape();
  }

  /** Where meters are bound and read; exporters (Prometheus) are added to it. */
  public CompositeMeterRegistry registry() {
    return registry;
  }

  public Clock clock() {
    return clock;
  }

  public AlertRules rules() {
    return rules;
  }

  /** Records one analysis. */
  public void analysis(String source, Duration took, boolean succeeded) {
    Timer.builder(ANALYSIS)
        .description("whole analyses of a recording")
        .tag("source", source)
        .tag("outcome", succeeded ? "ok" : "failed")
        .register(registry)
        .record(took);
    if (!succeeded) {
      error(source + " analysis");
    }
  }

  /**
   * Records how long each model stage of one analysis ran (seconds of the thread that ran it), as
   * {@value #MODEL_LATENCY} tagged {@code model}; stages that did not run are left out.
   */
  public void modelStages(StageTimes times) {
    modelStage("face-detection", times.faceDetectionSeconds());
    modelStage("face-expression", times.expressionSeconds());
    modelStage("voice-activity", times.vadSeconds());
    modelStage("voice-affect", times.voiceFeaturesSeconds());
    modelStage("speech-recognition", times.speechRecognitionSeconds());
    modelStage("text-affect", times.textSeconds());
    modelStage("fusion", times.fusionSeconds());
  }

  private void modelStage(String model, double seconds) {
    if (seconds <= 0) {
      return;
    }
    Timer.builder(MODEL_LATENCY)
        .description("time a model stage took in one analysis")
        .tag("model", model)
        .register(registry)
        .record(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  /** Counts an error at {@code where} (a few words, a bounded set). */
  public void error(String where) {
    Counter.builder(ERRORS).tag("where", where).register(registry).increment();
  }

  /** Raises an alert: counted, kept for the page, and passed to the listeners. */
  public void raise(Alert alert) {
    Counter.builder(ALERTS).tag("kind", alert.kind().name()).register(registry).increment();
    alerts.add(alert);
    while (alerts.size() > KEPT_ALERTS) {
      alerts.remove(0);
    }
    for (Consumer<Alert> listener : listeners) {
      listener.accept(alert);
    }
  }

  /**
   * Sets the fallback of each watched folder: used while the folder cannot be read.
   *
   * @param byFolder fallback folder by watched folder, as people write them ({@code ~/calls})
   */
  public void useFallbacks(Map<String, String> byFolder) {
    Map<Path, String> expanded = new java.util.HashMap<>();
    byFolder.forEach((folder, fallback) -> expanded.put(Folders.expand(folder), fallback));
    fallbacks = Map.copyOf(expanded);
  }

  /** The fallbacks by expanded watched folder. */
  public Map<Path, String> fallbacks() {
    return fallbacks;
  }

  /** The alerts raised since the start, oldest first. */
  public List<Alert> alerts() {
    return List.copyOf(alerts);
  }

  public void onAlert(Consumer<Alert> listener) {
    listeners.add(listener);
  }

  public void removeOnAlert(Consumer<Alert> listener) {
    listeners.remove(listener);
  }
}
