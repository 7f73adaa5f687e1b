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
    SpeakerRepository speakers;
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
    Settings settings = Settings.load(dataDirectory, home);
    Engine engine =
        new Engine(
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.AUTO,
            java.util.List.of(org.sentio.app.SpeechSettings.userModels(dataDirectory)),
            dataDirectory);
    AppContext context =
        new AppContext(dataDirectory, home, store, speakers, engine, executor, owner, settings);
    context.applyRetention();
    return context;
  }

  /** Deletes sessions older than the retention setting (0 keeps every session). */
  void applyRetention() throws StoreException {
    if (settings.retentionDays() <= 0) {
      return;
    }
    Instant cutoff = Instant.now().minus(Duration.ofDays(settings.retentionDays()));
    for (SessionSummary s : store.list()) {
      if (s.createdAt().isBefore(cutoff)) {
        store.delete(s.id());
      }
    }
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public Path home() {
    return home;
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
      engine.close();
      speakers.close();
      store.close();
    } finally {
      if (executorOwner != null) {
        executorOwner.close();
      }
    }
  }
}
