package org.sentio.reports;

import java.util.Locale;

/** The languages a report is written in. Exports are language-neutral. */
public enum ReportLanguage {
  EN("en", Locale.ENGLISH),
  ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

  private final String tag;
  private final Locale locale;

  ReportLanguage(String tag, Locale locale) {
    this.tag = tag;
    this.locale = locale;
  }

  /** The BCP 47 tag, as given on the command line and written into the report. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /**
   * Reads {@code en} or {@code zh-CN} (case-insensitive; {@code zh}, {@code zh_CN} accepted).
   *
   * @throws IllegalArgumentException naming the accepted languages
   */
  public static ReportLanguage parse(String text) {
    String t = text.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    switch (t) {
      case "en", "en-us", "en-gb":
        return EN;
      case "zh", "zh-cn", "zh-hans", "zh-hans-cn":
        return ZH_CN;
      default:
        throw new IllegalArgumentException("unknown language '" + text + "': use en or zh-CN");
    }
  }
}
