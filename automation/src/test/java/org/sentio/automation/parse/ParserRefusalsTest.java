package org.sentio.automation.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParserRefusalsTest {
  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void nonsenseIsRefusedWithEveryWordThatFailed() {
    ParseResult result = parser.parse("bake a chocolate cake every full moon");
    assertFalse(result.accepted());
    assertTrue(result.workflow().steps().isEmpty());
    assertEquals(List.of("bake", "chocolate", "cake", "every", "full", "moon"), result.unparsed());
  }

  @Test
  void chineseNonsenseIsRefusedWithTheCharactersThatFailed() {
    ParseResult result = parser.parse("给我烤一个蛋糕");
    assertFalse(result.accepted());
    assertEquals(List.of("给我烤一个蛋糕"), result.unparsed());
  }

  @Test
  void anUnknownClauseIsReportedEvenWhenTheRestIsUnderstood() {
    ParseResult result =
        parser.parse(
            "every Monday at 10:00 analyse the new recordings in ~/calls and fax them to Bob");
    assertFalse(result.accepted());
    assertEquals(List.of("fax", "to", "Bob"), result.unparsed());
    assertEquals(1, result.workflow().steps().size());
  }

  @Test
  void anUnknownChineseClauseIsReported() {
    ParseResult result = parser.parse("每周一上午10点分析 ~/calls 里的新录音，然后打印出来");
    assertFalse(result.accepted());
    assertEquals(List.of("打印出来"), result.unparsed());
  }

  @Test
  void aScheduleWithoutATimeIsRefused() {
    ParseResult result = parser.parse("every Monday analyse the recordings in ~/calls");
    assertFalse(result.accepted());
    assertTrue(result.problems().get(0).contains("without a time"), result.problems()::toString);
  }

  @Test
  void anImpossibleTimeIsRefused() {
    ParseResult result = parser.parse("every day at 25:00 analyse the recordings in ~/calls");
    assertFalse(result.accepted());
    assertTrue(
        result.problems().stream().anyMatch(p -> p.contains("25:00 is not a time")),
        result.problems()::toString);
  }

  @Test
  void aScheduleAndAWatchedFolderTogetherAreRefused() {
    ParseResult result = parser.parse("every day at 9:00 watch ~/calls and analyse them");
    assertTrue(result.problems().get(0).contains("choose one"), result.problems()::toString);
  }

  @Test
  void anEmptySentenceIsRefused() {
    ParseResult result = parser.parse("   ");
    assertFalse(result.accepted());
    assertTrue(result.problems().get(0).contains("empty"));
  }

  @Test
  void aDestinationWithoutAStepIsRefused() {
    ParseResult result = parser.parse("analyse the recordings in ~/calls and put them into ~/out");
    assertTrue(
        result.problems().stream().anyMatch(p -> p.contains("~/out")), result.problems()::toString);
  }
}
