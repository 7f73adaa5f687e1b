package org.sentio.automation.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z"); // a Wednesday

  @Test
  void mondayAtTenInBerlinIsNineUtcInWinter() {
    CronSchedule schedule = CronSchedule.of("0 10 * * 1", "Europe/Berlin", NOW);
    assertEquals(
        Instant.parse("2026-12-07T09:00:00Z"), schedule.nextAfter(NOW).orElseThrow().toInstant());
  }

  @Test
  void theSameScheduleMovesWithSummerTime() {
    CronSchedule schedule = CronSchedule.of("0 10 * * 1", "Europe/Berlin", NOW);
    Instant spring = Instant.parse("2027-04-01T00:00:00Z");
    assertEquals(
        Instant.parse("2027-04-05T08:00:00Z"),
        schedule.nextAfter(spring).orElseThrow().toInstant());
  }

  @Test
  void firesBetweenSaysWhetherARunIsDue() {
    CronSchedule schedule = CronSchedule.of("0 10 * * 1", "UTC", NOW);
    assertTrue(
        schedule.firesBetween(
            Instant.parse("2026-12-07T09:59:00Z"), Instant.parse("2026-12-07T10:00:00Z")));
    assertFalse(
        schedule.firesBetween(
            Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T11:00:00Z")));
  }

  @Test
  void aScheduleThatNeverFiresIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CronSchedule.of("0 0 30 2 *", "UTC", NOW));
    assertTrue(e.getMessage().contains("never fires"), e.getMessage());
  }

  @Test
  void leapDayStillFires() {
    CronSchedule schedule = CronSchedule.of("0 0 29 2 *", "UTC", NOW);
    assertEquals(
        Instant.parse("2028-02-29T00:00:00Z"), schedule.nextAfter(NOW).orElseThrow().toInstant());
  }

  @Test
  void aMalformedExpressionIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CronSchedule.of("every day", "UTC", NOW));
    assertTrue(e.getMessage().startsWith("cron \"every day\" is not a five-field"), e.getMessage());
  }

  @Test
  void anUnknownZoneIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CronSchedule.of("0 10 * * 1", "Mars/Base", NOW));
    assertTrue(e.getMessage().startsWith("time zone \"Mars/Base\" is unknown"), e.getMessage());
  }
}
