package org.sentio.app.ui.settings;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.app.CacheSettings;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.SpeechLanguages;

/** The settings form. Language and theme apply as soon as they are chosen. */
public final class SettingsView extends VBox {

  /**
   * @param microphones "virtual", "none", then the microphones present
   */
  public SettingsView(
      SettingsViewModel model,
      I18n i18n,
      java.util.List<String> cameras,
      java.util.List<String> microphones) {
    super(14);
    setId("settings-view");
    getStyleClass().add("page");
    Label title = new Label(i18n.get("settings.title"));
    title.getStyleClass().addAll("title-2", "page-title");

    ComboBox<String> language = new ComboBox<>();
    language.setId("settings-language");
    language.getItems().setAll(I18n.LANGUAGES);
    language.setConverter(converter(v -> i18n.get("language." + v)));
    language.valueProperty().bindBidirectional(model.languageProperty());
    language
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && !b.equals(a)) {
                model.apply();
              }
            });
    ComboBox<String> theme = new ComboBox<>();
    theme.setId("settings-theme");
    theme.getItems().setAll("light", "dark");
    theme.setConverter(converter(v -> i18n.get("theme." + v)));
    theme.valueProperty().bindBidirectional(model.themeProperty());
    theme
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && !b.equals(a)) {
                model.apply();
              }
            });
    ComboBox<String> speech = new ComboBox<>();
    speech.setId("settings-speech-language");
    speech.getItems().setAll(model.speechLanguages());
    speech.setConverter(converter(v -> SpeechLanguages.name(i18n, v)));
    speech.valueProperty().bindBidirectional(model.speechLanguageProperty());
    speech
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && !b.equals(a)) {
                model.apply();
              }
            });
    Label speechHint = new Label(i18n.get("settings.speechLanguage.hint"));
    speechHint.getStyleClass().add("text-muted");
    speechHint.setWrapText(true);
    Label speechNotice = new Label();
    speechNotice.setId("settings-speech-notice");
    speechNotice.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
    speechNotice.getStyleClass().add("warning");
    speechNotice.setWrapText(true);
    speechNotice.setMaxWidth(560);
    speechNotice.textProperty().bind(model.speechNoticeProperty());
    speechNotice.visibleProperty().bind(model.speechNoticeProperty().isNotEmpty());
    speechNotice.managedProperty().bind(speechNotice.visibleProperty());
    speechHint.setMaxWidth(560);
    VBox speechBox = new VBox(4, speech, speechHint, speechNotice);
    ComboBox<String> camera = new ComboBox<>();
    camera.setId("settings-camera");
    camera.getItems().setAll(cameras);
    camera.setConverter(converter(v -> "virtual".equals(v) ? i18n.get("live.virtualCamera") : v));
    camera.valueProperty().bindBidirectional(model.cameraProperty());
    ComboBox<String> microphone = new ComboBox<>();
    microphone.setId("settings-microphone");
    microphone.getItems().setAll(microphones);
    microphone.setConverter(
        converter(
            v ->
                "virtual".equals(v) || "none".equals(v)
                    ? i18n.get("settings.microphone." + v)
                    : v));
    microphone.valueProperty().bindBidirectional(model.microphoneProperty());
    Label noMicrophone = new Label(i18n.get("settings.microphone.noneFound"));
    noMicrophone.setId("settings-no-microphone");
    noMicrophone.getStyleClass().add("text-muted");
    boolean none = microphones.stream().allMatch(m -> "virtual".equals(m) || "none".equals(m));
    noMicrophone.setVisible(none);
    noMicrophone.setManaged(none);
    HBox microphoneRow = new HBox(10, microphone, noMicrophone);
    microphoneRow.setAlignment(Pos.CENTER_LEFT);
    TextField virtualFile = new TextField();
    virtualFile.textProperty().bindBidirectional(model.virtualCameraFileProperty());
    virtualFile.setPrefColumnCount(36);
    Spinner<Double> fps = new Spinner<>(1.0, 30.0, model.analysisFpsProperty().get(), 1.0);
    fps.valueProperty().addListener((o, a, b) -> model.analysisFpsProperty().set(b));
    Spinner<Double> window = new Spinner<>(0.5, 10.0, model.windowSecondsProperty().get(), 0.5);
    window.valueProperty().addListener((o, a, b) -> model.windowSecondsProperty().set(b));
    Spinner<Integer> retention = new Spinner<>(0, 3650, model.retentionDaysProperty().get(), 30);
    retention.valueProperty().addListener((o, a, b) -> model.retentionDaysProperty().set(b));
    TextField author = new TextField();
    author.textProperty().bindBidirectional(model.authorProperty());
    Spinner<Integer> cacheSize =
        new Spinner<>(0, CacheSettings.MAX_MEGABYTES, model.cacheMegabytesProperty().get(), 64);
    cacheSize.setId("settings-cache-size");
    cacheSize.setEditable(true);
    cacheSize.valueProperty().addListener((o, a, b) -> model.cacheMegabytesProperty().set(b));
    Label cacheHint = new Label(i18n.get("settings.cacheSize.hint"));
    cacheHint.getStyleClass().add("text-muted");
    HBox cacheRow = new HBox(10, cacheSize, cacheHint);
    cacheRow.setAlignment(Pos.CENTER_LEFT);
    Label data = new Label(model.dataDirectory().toString());
    data.setId("settings-data-dir");

    GridPane form = new GridPane();
    form.setHgap(14);
    form.setVgap(10);
    int row = 0;
    form.addRow(row++, label(i18n, "settings.language"), language);
    form.addRow(row++, label(i18n, "settings.theme"), theme);
    form.addRow(row++, label(i18n, "settings.speechLanguage"), speechBox);
    form.addRow(row++, label(i18n, "settings.camera"), camera);
    form.addRow(row++, label(i18n, "settings.microphone"), microphoneRow);
    form.addRow(row++, label(i18n, "settings.virtualFile"), virtualFile);
    form.addRow(row++, label(i18n, "settings.fps"), fps);
    form.addRow(row++, label(i18n, "settings.window"), window);
    form.addRow(row++, label(i18n, "settings.retention"), retention);
    form.addRow(row++, label(i18n, "settings.author"), author);
    form.addRow(row++, label(i18n, "settings.cacheSize"), cacheRow);
    form.addRow(row++, label(i18n, "settings.dataDir"), data);
    Label restart = new Label(i18n.get("settings.dataDir.hint"));
    restart.getStyleClass().add("text-muted");
    form.add(restart, 1, row++);
    Label storeKey = new Label();
    storeKey.setId("settings-store-key");
    storeKey.setWrapText(true);
    storeKey.textProperty().bind(model.storeKeyProperty());
    form.addRow(row++, label(i18n, "settings.storeKey"), storeKey);

    Button save = new Button(i18n.get("settings.save"), new FontIcon(Feather.SAVE));
    save.setId("settings-save");
    save.getStyleClass().add("accent");
    save.setOnAction(e -> model.apply());
    HBox actions = new HBox(save);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.setPadding(new Insets(8, 0, 0, 0));
    getChildren().addAll(title, form, actions);
  }

  private static Label label(I18n i18n, String key) {
    return new Label(i18n.get(key));
  }

  private static StringConverter<String> converter(java.util.function.Function<String, String> f) {
    return new StringConverter<>() {
      @Override
      public String toString(String v) {
        return v == null ? "" : f.apply(v);
      }

      @Override
      public String fromString(String s) {
        return s;
      }
    };
  }
}
