package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.sentio.app.ui.Settings;

/**
 * The desktop settings file ({@code settings.properties} in the data folder) may have been edited
 * by hand or cut short: whatever it holds, the application starts, falling back to the defaults
 * value by value. {@link Settings#load} must never throw.
 */
class SettingsFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("settings");
  private static final Path HOME = Path.of(System.getProperty("sentio.root.dir", ".."));

  @FuzzTest(maxDuration = "60s")
  void anySettingsFileLoads(byte[] properties) {
    FuzzFiles.write(DIR.resolve(Settings.FILE), properties);
    Settings settings = Settings.load(DIR, HOME);
    if (settings.language() == null || settings.theme() == null) {
      throw new AssertionError("settings without a language or theme: " + settings);
    }
  }
}
