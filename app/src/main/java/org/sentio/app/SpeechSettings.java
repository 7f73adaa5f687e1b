package org.sentio.app;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.speech.SpeechModels;

/**
 * The speech settings kept in {@code speech.properties} in the data folder: the language spoken in
 * the user's recordings ({@code language}, default {@code en}), which picks the speech model, and
 * where installed speech models live ({@code models/} in the data folder).
 *
 * @param language the primary language, e.g. {@code en} or {@code zh}
 */
public record SpeechSettings(String language) {
  public static final String FILE = "speech.properties";
  public static final String MODELS_FOLDER = "models";

  public SpeechSettings {
    language = SpeechModels.normalise(language);
    if (language.isEmpty()) {
      language = AnalysisRequest.DEFAULT_LANGUAGE;
    }
  }

  /** The settings in {@code dataDirectory}, or the defaults where the file is missing or bad. */
  public static SpeechSettings load(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(reader);
      } catch (IOException e) {
        // Unreadable settings fall back to the defaults; nothing stored depends on them.
      }
    }
    return new SpeechSettings(p.getProperty("language", AnalysisRequest.DEFAULT_LANGUAGE));
  }

  /** Writes the settings to {@code dataDirectory}. */
  public void save(Path dataDirectory) throws IOException {
    Properties p = new Properties();
    p.setProperty("language", language);
    Files.createDirectories(dataDirectory);
    Path tmp = dataDirectory.resolve(FILE + ".tmp");
    try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(writer, "Sentio speech settings");
    }
    Files.move(
        tmp,
        dataDirectory.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Where {@code sentio models install} puts speech models: {@code models/} in the data folder. */
  public static Path userModels(Path dataDirectory) {
    return dataDirectory.resolve(MODELS_FOLDER);
  }

  /** The shipped speech models, then the user's. */
  public static SpeechModels models(Path dataDirectory) {
    return new SpeechModels(
        java.util.List.of(SentioHome.modelsDirectory(), userModels(dataDirectory)));
  }
}
