package org.sentio.reports;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;

/** The report's words in one language, from {@code messages[_zh_CN].properties} (UTF-8). */
final class Messages {
  private final ResourceBundle bundle;
  private final ReportLanguage language;

  Messages(ReportLanguage language) {
    this.language = language;
    this.bundle =
        ResourceBundle.getBundle(
            "org.sentio.reports.messages",
            language.locale(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  ReportLanguage language() {
    return language;
  }

  /** The text of {@code key} with {@code args} (already formatted strings) filled in. */
  String get(String key, Object... args) {
    String pattern = bundle.getString(key);
    if (args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
  }

  String emotion(Emotion emotion) {
    return emotion == null ? get("emotion.none") : get("emotion." + emotion.label());
  }

  String modality(Modality modality) {
    return get("modality." + modality.label());
  }

  String absence(AbsenceReason reason) {
    return get("absence." + reason.label());
  }
}
