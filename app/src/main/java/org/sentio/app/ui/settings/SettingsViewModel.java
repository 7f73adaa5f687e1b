package org.sentio.app.ui.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.sentio.app.CacheSettings;
import org.sentio.app.SpeechSettings;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreEncryption;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoreKeys;
import org.sentio.app.ui.ErrorReporter;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Settings;
import org.sentio.app.ui.SpeechLanguages;
import org.sentio.app.ui.TaskExecutor;

/**
 * The settings form: language and theme apply at once; the rest apply to the next analysis or live
 * session. Saved to the data folder on apply.
 */
public final class SettingsViewModel {
  private final Path dataDirectory;
  private final ErrorReporter errors;
  private final I18n i18n;
  private final Consumer<Settings> applied;
  private final ObjectProperty<String> language = new SimpleObjectProperty<>();
  private final ObjectProperty<String> theme = new SimpleObjectProperty<>();
  private final StringProperty camera = new SimpleStringProperty();
  private final StringProperty microphone = new SimpleStringProperty();
  private final StringProperty virtualCameraFile = new SimpleStringProperty();
  private final DoubleProperty analysisFps = new SimpleDoubleProperty();
  private final DoubleProperty windowSeconds = new SimpleDoubleProperty();
  private final IntegerProperty retentionDays = new SimpleIntegerProperty();
  private final StringProperty author = new SimpleStringProperty();
  private final IntegerProperty cacheMegabytes = new SimpleIntegerProperty();
  private final ObjectProperty<String> speechLanguage = new SimpleObjectProperty<>();
  private final StringProperty speechNotice = new SimpleStringProperty("");
  private final StringProperty storeKey = new SimpleStringProperty("");
  private final List<String> speechLanguages;

  public SettingsViewModel(
      Settings current,
      Path dataDirectory,
      ErrorReporter errors,
      I18n i18n,
      Consumer<Settings> applied) {
    this.dataDirectory = dataDirectory;
    this.errors = errors;
    this.i18n = i18n;
    this.applied = applied;
    language.set(current.language());
    theme.set(current.theme());
    camera.set(current.camera());
    microphone.set(current.microphone());
    virtualCameraFile.set(current.virtualCameraFile());
    analysisFps.set(current.analysisFps());
    windowSeconds.set(current.windowSeconds());
    retentionDays.set(current.retentionDays());
    author.set(current.author());
    cacheMegabytes.set(CacheSettings.load(dataDirectory).maxMegabytes());
    speechLanguages = SpeechLanguages.choices(dataDirectory);
    speechLanguage.addListener(
        (o, a, b) ->
            speechNotice.set(b == null ? "" : SpeechLanguages.notice(i18n, dataDirectory, b)));
    speechLanguage.set(SpeechSettings.load(dataDirectory).language());
  }

  /**
   * The language spoken in recordings analysed from the app ({@code en}, {@code zh}, …), which
   * picks the speech model; kept in {@link SpeechSettings#FILE}, shared with the command line.
   */
  public ObjectProperty<String> speechLanguageProperty() {
    return speechLanguage;
  }

  /** The languages offered for speech: English, Chinese and those of installed models. */
  public List<String> speechLanguages() {
    return speechLanguages;
  }

  /** Why recordings in the chosen speech language will have no words; empty when they will. */
  public StringProperty speechNoticeProperty() {
    return speechNotice;
  }

  public ObjectProperty<String> languageProperty() {
    return language;
  }

  public ObjectProperty<String> themeProperty() {
    return theme;
  }

  public StringProperty cameraProperty() {
    return camera;
  }

  public StringProperty microphoneProperty() {
    return microphone;
  }

  public StringProperty virtualCameraFileProperty() {
    return virtualCameraFile;
  }

  public DoubleProperty analysisFpsProperty() {
    return analysisFps;
  }

  public DoubleProperty windowSecondsProperty() {
    return windowSeconds;
  }

  public IntegerProperty retentionDaysProperty() {
    return retentionDays;
  }

  public StringProperty authorProperty() {
    return author;
  }

  /** The feature cache's bound in megabytes (0 turns it off), kept in its own settings file. */
  public IntegerProperty cacheMegabytesProperty() {
    return cacheMegabytes;
  }

  /** Whether transcripts are encrypted, where their key is, and what to do when it is missing. */
  public StringProperty storeKeyProperty() {
    return storeKey;
  }

  /**
   * Looks up where the store's key is (the OS keyring can take seconds to answer) on {@code
   * executor}'s background thread and shows it.
   */
  public void showStoreKey(SessionStore store, TaskExecutor executor) {
    storeKey.set(i18n.get("settings.storeKey.checking"));
    executor.background(
        () -> {
          String text;
          try {
            StoreEncryption.Status status = StoreEncryption.status(store);
            StoreKeys keys = StoreKeys.forThisUser();
            if (!status.keyFound()) {
              text = i18n.get("settings.storeKey.missing", keys.folder());
            } else if (!status.keyMatches()) {
              text = i18n.get("settings.storeKey.wrong", status.where());
            } else if (keys.usesKeyring()) {
              text = i18n.get("settings.storeKey.keyring");
            } else {
              text = i18n.get("settings.storeKey.file", status.where());
            }
          } catch (StoreException e) {
            text = e.getMessage();
          }
          String shown = text;
          executor.ui(() -> storeKey.set(shown));
        });
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The settings the form now holds. */
  public Settings current() {
    return new Settings(
        language.get(),
        theme.get(),
        camera.get(),
        microphone.get(),
        virtualCameraFile.get(),
        analysisFps.get(),
        windowSeconds.get(),
        retentionDays.get(),
        author.get() == null || author.get().isBlank() ? "analyst" : author.get().strip());
  }

  /** Checks, saves and applies the form; false (with the error shown) when a value is wrong. */
  public boolean apply() {
    Settings s = current();
    try {
      s.analysisOptions();
    } catch (IllegalArgumentException e) {
      errors.show(i18n.get("error.settings.title"), e.getMessage(), null);
      return false;
    }
    if (s.retentionDays() < 0) {
      errors.show(i18n.get("error.settings.title"), i18n.get("error.settings.retention"), null);
      return false;
    }
    CacheSettings cache;
    try {
      cache = new CacheSettings(cacheMegabytes.get());
    } catch (IllegalArgumentException e) {
      errors.show(i18n.get("error.settings.title"), i18n.get("error.settings.cacheSize"), null);
      return false;
    }
    try {
      s.save(dataDirectory);
      cache.save(dataDirectory);
      new SpeechSettings(speechLanguage.get()).save(dataDirectory);
    } catch (IOException e) {
      errors.show(
          i18n.get("error.settings.title"),
          i18n.get("error.settings.save", dataDirectory, e.getMessage()),
          e);
      return false;
    }
    applied.accept(s);
    return true;
  }
}
