package org.sentio.app.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sentio.affect.speech.SpeechModels;
import org.sentio.app.SpeechSettings;

/**
 * The languages a person may say their recordings are in, and the plain notice when no speech model
 * for the chosen one is installed. The check is the analysis's own: the shipped and the user's
 * speech models ({@link SpeechSettings#models}), searched by primary language.
 */
public final class SpeechLanguages {
  /** Offered even with no model installed, so a person can see that one is missing. */
  private static final List<String> ALWAYS = List.of("en", "zh");

  private SpeechLanguages() {}

  /** English and Chinese, then every other language an installed model recognises. */
  public static List<String> choices(Path dataDirectory) {
    List<String> languages = new ArrayList<>(ALWAYS);
    for (String installed : SpeechSettings.models(dataDirectory).languages()) {
      if (!languages.contains(installed)) {
        languages.add(installed);
      }
    }
    return languages;
  }

  /** The language's name in the UI's language, e.g. "Chinese" or "中文". */
  public static String name(I18n i18n, String language) {
    String name = Locale.forLanguageTag(language).getDisplayLanguage(i18n.locale());
    return name.isBlank() ? language : name;
  }

  /**
   * What a person should know before analysing recordings in {@code language}: empty when a speech
   * model for it is installed, else that words will not be recognised and how to install a model.
   */
  public static String notice(I18n i18n, Path dataDirectory, String language) {
    String primary = SpeechModels.normalise(language);
    if (SpeechSettings.models(dataDirectory).forLanguage(primary).isPresent()) {
      return "";
    }
    return i18n.get("speech.noModel", name(i18n, primary), primary);
  }
}
