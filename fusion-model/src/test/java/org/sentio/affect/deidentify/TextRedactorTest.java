package org.sentio.affect.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transcript redactor on single sentences and on the hand-written test sets. */
class TextRedactorTest {
  private static final TextRedactor REDACTOR = TextRedactor.standard();

  @Test
  void cardNumbersNeedTheLuhnCheck() {
    assertThat(REDACTOR.redact("Card 4111 1111 1111 1111 please").text())
        .isEqualTo("Card [CARD] please");
    assertThat(REDACTOR.find("Card 4111 1111 1111 1112 please"))
        .noneMatch(r -> r.kind() == PiiKind.CARD);
  }

  @Test
  void chineseIdNumbersNeedTheirCheckCharacter() {
    assertThat(REDACTOR.redact("身份证号码是11010519491231002X。").text()).isEqualTo("身份证号码是[ID]。");
    assertThat(Checksums.chineseId("11010519491231002X")).isTrue();
    assertThat(Checksums.chineseId("110105194912310021")).isFalse();
    assertThat(Checksums.chineseId("110105194913310028")).as("month 13").isFalse();
  }

  @Test
  void chineseMobileNumbersWithAndWithoutCountryCode() {
    assertThat(REDACTOR.redact("手机13812345678，或者+86 139 1234 5678").text())
        .isEqualTo("手机[PHONE]，或者[PHONE]");
    assertThat(REDACTOR.find("一共12345678元")).noneMatch(r -> r.kind() == PiiKind.PHONE);
  }

  @Test
  void spokenEmailAddressesAsSpeechRecognitionWritesThem() {
    assertThat(REDACTOR.redact("my email is jane dot doe at example dot com thanks").text())
        .isEqualTo("my email is [EMAIL] thanks");
  }

  @Test
  void amountsDatesAndTimesAreLeftAlone() {
    String text = "I paid 49.99 on 12 May 1990 at 9:30, order of 100 items, 150 over 95.";
    assertThat(REDACTOR.redact(text).text()).isEqualTo(text);
    String chinese = "这个月的账单比平时多了两百块，下午三点以后都有空，高压一百五左右。";
    assertThat(REDACTOR.redact(chinese).text()).isEqualTo(chinese);
  }

  @Test
  void namesWithCuesInBothLanguages() {
    assertThat(REDACTOR.redact("Hi, my name is Sarah Thompson and I called before.").text())
        .isEqualTo("Hi, my name is [NAME] and I called before.");
    assertThat(REDACTOR.redact("您好，我叫王晓明，想咨询一下。").text()).isEqualTo("您好，我叫[NAME]，想咨询一下。");
    assertThat(REDACTOR.redact("麻烦转给李经理").text()).isEqualTo("麻烦转给[NAME]");
  }

  @Test
  void addressesInBothLanguages() {
    assertThat(REDACTOR.redact("Send it to 2217 Maple Drive, Austin, TX 78704 today.").text())
        .isEqualTo("Send it to [ADDRESS] today.");
    assertThat(REDACTOR.redact("我住在北京市朝阳区建国路88号，快递没到。").text()).isEqualTo("我住在[ADDRESS]，快递没到。");
  }

  @Test
  void englishTestSetRecallAndPrecision() throws Exception {
    RedactionTestSet.Score score = measure("en", "/deidentify/pii-en.txt");
    assertThat(score.entities()).isGreaterThanOrEqualTo(70);
    assertThat(score.recall()).isGreaterThanOrEqualTo(0.90);
    assertThat(score.precision()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void chineseTestSetRecallAndPrecision() throws Exception {
    RedactionTestSet.Score score = measure("zh", "/deidentify/pii-zh.txt");
    assertThat(score.entities()).isGreaterThanOrEqualTo(70);
    assertThat(score.recall()).isGreaterThanOrEqualTo(0.90);
    assertThat(score.precision()).isGreaterThanOrEqualTo(0.90);
  }

  private static RedactionTestSet.Score measure(String language, String resource) throws Exception {
    List<RedactionTestSet.Item> items = RedactionTestSet.read(resource);
    RedactionTestSet.Score score = RedactionTestSet.score(REDACTOR, items);
    System.out.printf(
        "redaction %s: %d items, %d entities, recall %.3f (%d/%d), precision %.3f (%d/%d)%n",
        language,
        items.size(),
        score.entities(),
        score.recall(),
        score.found(),
        score.entities(),
        score.precision(),
        score.right(),
        score.redactions());
    for (Map.Entry<PiiKind, int[]> e : score.foundOfKind().entrySet()) {
      System.out.printf("  %s %d/%d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    score.misses().forEach(m -> System.out.println("  missed " + m));
    score.wrong().forEach(w -> System.out.println("  wrongly redacted " + w));
    return score;
  }
}
