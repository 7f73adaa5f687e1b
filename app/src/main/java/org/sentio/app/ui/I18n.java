package org.sentio.app.ui;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The UI's words in one language: {@code org/sentio/app/ui/messages*.properties}. */
public final class I18n {
  public static final String BUNDLE = "org.sentio.app.ui.messages";

  /** The languages Sentio speaks, as settings store them. */
  public static final List<String> LANGUAGES = List.of("en", "zh-CN");

  private final Locale locale;
  private final ResourceBundle bundle;

  private I18n(Locale locale) {
    this.locale = locale;
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The words for a language tag such as "en" or "zh-CN"; English for anything else. */
  public static I18n forLanguage(String tag) {
    Locale locale = Locale.forLanguageTag(tag == null ? "en" : tag);
    if (!"zh".equals(locale.getLanguage())) {
      locale = Locale.ENGLISH;
    } else {
      locale = Locale.SIMPLIFIED_CHINESE;
    }
    return new I18n(locale);
  }

  public Locale locale() {
    return locale;
  }

  public ResourceBundle bundle() {
    return bundle;
  }

  /** The text for {@code key}, with {@code args} put in ({@link MessageFormat}). */
  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return "!" + key + "!";
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }
}
