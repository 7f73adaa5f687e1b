package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I am happy with the service | EN",
        "don't CANCEL my order!!! | EN",
        "我很开心 | ZH",
        "这个iPhone太慢了 | ZH",
        "我要refund | ZH",
        "OK 好 | ZH",
        "Thank you 谢谢 for everything you did today | EN",
        "Это ужасно | OTHER",
        "12345 !!! | OTHER",
        "مرحبا | OTHER",
        "Ça va très bien | EN"
      })
  void detectsLanguageByScript(String text, Language expected) {
    assertThat(Language.detect(text)).isEqualTo(expected);
  }
}
