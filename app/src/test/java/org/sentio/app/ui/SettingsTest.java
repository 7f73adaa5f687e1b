package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.ui.settings.SettingsViewModel;

class SettingsTest {
  @TempDir Path data;

  @Test
  void savedSettingsReadBackAndAMissingFileGivesTheDefaults() throws Exception {
    Settings defaults = Settings.load(data, data);
    assertThat(defaults.language()).isEqualTo("en");
    Settings changed = defaults.withLanguage("zh-CN").withTheme("dark");
    changed.save(data);
    assertThat(Settings.load(data, data)).isEqualTo(changed);
  }

  @Test
  void aBrokenNumberFallsBackToItsDefault() throws Exception {
    Files.writeString(data.resolve(Settings.FILE), "analysisFps=fast\nlanguage=zh-CN\n");
    Settings s = Settings.load(data, data);
    assertThat(s.analysisFps()).isEqualTo(5.0);
    assertThat(s.language()).isEqualTo("zh-CN");
  }

  @Test
  void aBrokenUnicodeEscapeKeepsWhatCameBeforeItAndStarts() throws Exception {
    // The crash SettingsFuzzTest found: Properties.load threw IllegalArgumentException, so the
    // desktop application could not start.
    Files.writeString(
        data.resolve(Settings.FILE), "language=zh-CN\nanalysisFps=2.5\nauthor=Ann \\u00e\n");
    Settings s = Settings.load(data, data);
    assertThat(s.language()).isEqualTo("zh-CN");
    assertThat(s.analysisFps()).isEqualTo(2.5);
    assertThat(s.author()).isEqualTo(Settings.defaults(data).author());
  }

  @Test
  void aWrongAnalysisRateIsRefusedWithAMessageAndNotSaved() {
    List<String> errors = new ArrayList<>();
    List<Settings> applied = new ArrayList<>();
    SettingsViewModel model =
        new SettingsViewModel(
            Settings.defaults(data),
            data,
            (t, m, e) -> errors.add(m),
            I18n.forLanguage("en"),
            applied::add);
    model.analysisFpsProperty().set(0);

    assertThat(model.apply()).isFalse();
    assertThat(errors).singleElement().asString().contains("analysis rate");
    assertThat(applied).isEmpty();
    assertThat(data.resolve(Settings.FILE)).doesNotExist();
    model.analysisFpsProperty().set(10);
    assertThat(model.apply()).isTrue();
    assertThat(Settings.load(data, data).analysisFps()).isEqualTo(10.0);
  }
}
