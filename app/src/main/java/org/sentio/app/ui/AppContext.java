package org.sentio.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.sentio.app.SentioHome;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.SpeakerRepository;
import org.sentio.app.store.StoreException;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/**
 * What one desktop window works with: the data folder, its store, the settings, the models and the
 * executor. Closing it closes the store and the models.
 */
public final class AppContext implements AutoCloseable {
  private final Path dataDirectory;
  private final Path home;
  private final SessionStore store;
  private final SpeakerRepository speakers;
  private final Engine engine;
  private final TaskExecutor executor;
  private final AutoCloseable executorOwner;
  private Settings settings;
  private org.sentio.app.workflows.WorkflowRunner workflows;
  private final org.sentio.app.monitoring.Monitoring monitoring =
      new org.sentio.app.monitoring.Monitoring(
          java.time.Clock.systemUTC(), org.sentio.app.monitoring.AlertRules.DEFAULT);
  private org.sentio.app.monitoring.PrometheusEndpoint prometheus;
  private volatile String prometheusProblem;
  private org.sentio.app.store.AuditRepository audit;

  private AppContext(
      Path dataDirectory,
      Path home,
      SessionStore store,
      SpeakerRepository speakers,
      Engine engine,
      TaskExecutor executor,
      AutoCloseable executorOwner,
      Settings settings) {
    this.dataDirectory = dataDirectory;
    this.home = home;
    this.store = store;
    this.speakers = speakers;
    this.engine = engine;
    this.executor = executor;
    this.executorOwner = executorOwner;
    this.settings = settings;
  }

  /** Opens the store in {@code dataDirectory} with a background pool and the shipped models. */
  public static AppContext open(Path dataDirectory) throws StoreException {
    FxTaskExecutor executor = new FxTaskExecutor(2);
    return open(dataDirectory, executor, executor);
  }

  public static AppContext open(Path dataDirectory, TaskExecutor executor, AutoCloseable owner)
      throws StoreException {
    Path home = SentioHome.locate();
    SessionStore store = SessionStore.open(dataDirectory);
    try {
      org.sentio.app.live.InterruptedRecordings.settle(store);
    } catch (StoreException e) {
      try {
        store.close();
      } catch (StoreException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    SpeakerRepository speakers;
    org.sentio.app.store.AuditRepository audit;
    try {
      speakers = SpeakerRepository.open(store);
    } catch (StoreException e) {
      try {
        store.close();
      } catch (StoreException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    try {
      audit = org.sentio.app.store.AuditRepository.open(store);
    } catch (StoreException e) {
      try {
        speakers.close();
        store.close();
      } catch (StoreException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    Settings settings = Settings.load(dataDirectory, home);
    Engine engine =
        new Engine(
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.AUTO,
            java.util.List.of(org.sentio.app.SpeechSettings.userModels(dataDirectory)),
            dataDirectory);
    AppContext context =
        new AppContext(dataDirectory, home, store, speakers, engine, executor, owner, settings);
    context.audit = audit;
    context.applyRetention();
    engine.observe(context.monitoring);
    try {
      org.sentio.app.monitoring.MonitoringSettings monitoringSettings =
          org.sentio.app.monitoring.MonitoringSettings.load(dataDirectory);
      context.monitoring.useFallbacks(monitoringSettings.fallbacks());
      context.applyMonitoringSettings(monitoringSettings);
    } catch (IOException | IllegalArgumentException e) {
      // the app starts without the endpoint; the Monitoring page says why it is off
      context.prometheusProblem = e.getMessage();
    }
    try {
      context.workflows =
          org.sentio.app.workflows.WorkflowRunner.start(
              store,
              dataDirectory,
              engine::analyzers,
              () -> context.settings().analysisOptions(),
              context.monitoring,
              java.time.Clock.systemUTC(),
              org.sentio.automation.engine.Sleeper.REAL,
              WORKFLOW_LOOK_INTERVAL);
    } catch (StoreException e) {
      try {
        context.close();
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return context;
  }

  /** The meters and alerts of this process. */
  public org.sentio.app.monitoring.Monitoring monitoring() {
    return monitoring;
  }

  /** The monitoring settings of the data folder (the defaults when they cannot be read). */
  public org.sentio.app.monitoring.MonitoringSettings monitoringSettings() {
    try {
      return org.sentio.app.monitoring.MonitoringSettings.load(dataDirectory);
    } catch (IOException e) {
      return org.sentio.app.monitoring.MonitoringSettings.DEFAULT;
    }
  }

  /**
   * Starts or stops the Prometheus endpoint as {@code wanted} says (127.0.0.1 only; off by default,
   * so no socket is opened unless the user turned it on).
   *
   * @return where it listens, or null when off
   * @throws IOException when the port cannot be listened on
   */
  public synchronized java.net.InetSocketAddress applyMonitoringSettings(
      org.sentio.app.monitoring.MonitoringSettings wanted) throws IOException {
    if (prometheus != null) {
      prometheus.close();
      prometheus = null;
    }
    if (wanted.prometheus()) {
      prometheus = org.sentio.app.monitoring.PrometheusEndpoint.start(monitoring, wanted.port());
      return prometheus.address();
    }
    return null;
  }

  /** Where the Prometheus endpoint listens, or null when it is off. */
  public synchronized java.net.InetSocketAddress prometheusAddress() {
    return prometheus == null ? null : prometheus.address();
  }

  /** Why the Prometheus endpoint could not start, or null. */
  public String prometheusProblem() {
    return prometheusProblem;
  }

  /** How often the desktop app's workflow runner looks for due runs (as the daemon's default). */
  static final Duration WORKFLOW_LOOK_INTERVAL = Duration.ofSeconds(30);

  /** The workflow engine running inside the app, started with it and stopped on close. */
  public org.sentio.app.workflows.WorkflowRunner workflows() {
    return workflows;
  }

  /** Deletes sessions older than the retention setting (0 keeps every session). */
  void applyRetention() throws StoreException {
    if (settings.retentionDays() <= 0) {
      return;
    }
    Instant cutoff = Instant.now().minus(Duration.ofDays(settings.retentionDays()));
    for (SessionSummary s : store.sessions().list()) {
      if (s.createdAt().isBefore(cutoff)) {
        store.sessions().delete(s.id());
      }
    }
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public Path home() {
    return home;
  }

  /** The store's audit log: pages write who opened, revealed, exported, shared or deleted what. */
  public org.sentio.app.store.AuditRepository audit() {
    return audit;
  }

  public SessionStore store() {
    return store;
  }

  /** The speakers of the stored sessions, whose roles a person changes in Review. */
  public SpeakerRepository speakers() {
    return speakers;
  }

  public Engine engine() {
    return engine;
  }

  public TaskExecutor executor() {
    return executor;
  }

  public synchronized Settings settings() {
    return settings;
  }

  /** Keeps new settings and writes them to the data folder. */
  public synchronized void updateSettings(Settings updated) throws IOException {
    settings = updated;
    updated.save(dataDirectory);
  }

  public I18n i18n() {
    return I18n.forLanguage(settings().language());
  }

  @Override
  public void close() throws Exception {
    try {
      if (workflows != null) {
        workflows.close(); // first: its run in progress uses the models and the store
      }
      synchronized (this) {
        if (prometheus != null) {
          prometheus.close();
        }
      }
    } finally {
      try {
        engine.close();
        speakers.close();
        audit.close();
        store.close();
      } finally {
        if (executorOwner != null) {
          executorOwner.close();
        }
      }
    }
  }
}
