package org.sentio.app.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.sentio.affect.pipeline.AnalysisOptions;

/**
 * What the user chose in Settings, kept in {@code settings.properties} in the data folder.
 *
 * @param language "en" or "zh-CN"
 * @param theme "light" or "dark"
 * @param camera "virtual" for the virtual camera, else a device index or path
 * @param microphone "none", "virtual" (the virtual camera's sound) or a device name
 * @param virtualCameraFile the media file the virtual camera plays
 * @param analysisFps video frames analysed per second
 * @param windowSeconds window length (windows start every half window)
 * @param retentionDays sessions older than this are deleted at start; 0 keeps them all
 * @param author the name stored with annotations
 */
public record Settings(
    String language,
    String theme,
    String camera,
    String microphone,
    String virtualCameraFile,
    double analysisFps,
    double windowSeconds,
    int retentionDays,
    String author) {

  public static final String FILE = "settings.properties";

  public static Settings defaults(Path sentioHome) {
    return new Settings(
        "en",
        "light",
        "virtual",
        "virtual",
        sentioHome.resolve("resources").resolve("demo").resolve("demo.mp4").toString(),
        AnalysisOptions.DEFAULT.analysisFps(),
        AnalysisOptions.DEFAULT.windowSeconds(),
        0,
        System.getProperty("user.name", "analyst"));
  }

  public AnalysisOptions analysisOptions() {
    return AnalysisOptions.DEFAULT.withFps(analysisFps).withWindow(windowSeconds);
  }

  public Settings withLanguage(String value) {
    return new Settings(
        value,
        theme,
        camera,
        microphone,
        virtualCameraFile,
        analysisFps,
        windowSeconds,
        retentionDays,
        author);
  }

  public Settings withTheme(String value) {
    return new Settings(
        language,
        value,
        camera,
        microphone,
        virtualCameraFile,
        analysisFps,
        windowSeconds,
        retentionDays,
        author);
  }

  /** Reads the settings in {@code dataDirectory}, falling back to defaults value by value. */
  public static Settings load(Path dataDirectory, Path sentioHome) {
    Settings d = defaults(sentioHome);
    Path file = dataDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return d;
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      return d;
    } catch (IllegalArgumentException brokenEscape) {
      // A hand-edited file with a broken \\uXXXX escape (found by SettingsFuzzTest): Properties
      // stops there; what was read before it stays, the rest falls back to the defaults.
    }
    return new Settings(
        p.getProperty("language", d.language()),
        p.getProperty("theme", d.theme()),
        p.getProperty("camera", d.camera()),
        p.getProperty("microphone", d.microphone()),
        p.getProperty("virtualCameraFile", d.virtualCameraFile()),
        number(p, "analysisFps", d.analysisFps()),
        number(p, "windowSeconds", d.windowSeconds()),
        (int) number(p, "retentionDays", d.retentionDays()),
        p.getProperty("author", d.author()));
  }

  /** Writes the settings to {@code dataDirectory}. */
  public void save(Path dataDirectory) throws IOException {
    Properties p = new Properties();
    p.setProperty("language", language);
    p.setProperty("theme", theme);
    p.setProperty("camera", camera);
    p.setProperty("microphone", microphone);
    p.setProperty("virtualCameraFile", virtualCameraFile);
    p.setProperty("analysisFps", Double.toString(analysisFps));
    p.setProperty("windowSeconds", Double.toString(windowSeconds));
    p.setProperty("retentionDays", Integer.toString(retentionDays));
    p.setProperty("author", author);
    Files.createDirectories(dataDirectory);
    Path tmp = dataDirectory.resolve(FILE + ".tmp");
    try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(writer, "Sentio settings");
    }
    Files.move(
        tmp,
        dataDirectory.resolve(FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static double number(Properties p, String key, double fallback) {
    try {
      String v = p.getProperty(key);
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
