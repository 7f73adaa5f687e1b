package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.CacheSettings;

/**
 * The feature cache's size in Settings, on the headless toolkit: shown from {@code
 * cache.properties}, saved there by the Save button, labelled in the chosen language.
 */
class CacheSizeSettingTest {
  @TempDir Path data;

  @Test
  void theCacheSizeIsShownSavedAndReadBack() throws Exception {
    new CacheSettings(256).save(data);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.interact(() -> app.window.show(MainWindow.Page.SETTINGS));
      @SuppressWarnings("unchecked")
      Spinner<Integer> size = app.robot.lookup("#settings-cache-size").queryAs(Spinner.class);
      assertThat(size.getValue()).isEqualTo(256);
      app.interact(() -> size.getValueFactory().setValue(128));
      app.robot.clickOn("#settings-save");
      DesktopHarness.await(
          10, "the saved cache size", () -> CacheSettings.load(data).maxMegabytes() == 128);
      assertThat(
              app.robot
                  .lookup(n -> n instanceof Label l && "Feature cache (MB)".equals(l.getText()))
                  .tryQuery())
          .isPresent();
    }
  }
}
