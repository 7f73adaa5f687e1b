package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both languages have every UI string. */
class BundlesTest {

  @Test
  void englishAndSimplifiedChineseHaveTheSameKeysAndNoEmptyValues() throws IOException {
    Properties en = load("messages.properties");
    Properties zh = load("messages_zh_CN.properties");
    assertThat(new TreeSet<>(zh.stringPropertyNames()))
        .isEqualTo(new TreeSet<>(en.stringPropertyNames()));
    for (String key : en.stringPropertyNames()) {
      assertThat(en.getProperty(key)).as(key).isNotBlank();
      assertThat(zh.getProperty(key)).as(key).isNotBlank();
    }
    assertThat(I18n.forLanguage("zh-CN").bundle().getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (Reader r =
        new InputStreamReader(I18n.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  @Test
  void chineseLabelsDifferFromEnglish() {
    assertThat(I18n.forLanguage("zh-CN").get("nav.library")).isEqualTo("资料库");
    assertThat(I18n.forLanguage("en").get("nav.library")).isEqualTo("Library");
    assertThat(I18n.forLanguage("fr").get("nav.library")).isEqualTo("Library");
  }
}
