package org.sentio.automation.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field Unix cron expression in a time zone, parsed and evaluated by cron-utils. A schedule
 * that never fires (e.g. 30 February) is refused when it is made.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Far enough to meet any date a five-field expression can name (29 February included). */
  private static final int HORIZON_YEARS = 9;

  private final String expression;
  private final ZoneId zone;
  private final Cron cron;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, ZoneId zone, Cron cron) {
    this.expression = expression;
    this.zone = zone;
    this.cron = cron;
    this.executionTime = ExecutionTime.forCron(cron);
  }

  /**
   * Parses {@code expression} in {@code zoneName} ({@code null}: the machine's zone) and checks
   * that it fires at least once from {@code now}.
   *
   * @throws IllegalArgumentException with one line naming what is wrong
   */
  public static CronSchedule of(String expression, String zoneName, Instant now) {
    ZoneId zone;
    try {
      zone = zoneName == null ? ZoneId.systemDefault() : ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "time zone \"" + zoneName + "\" is unknown (use e.g. Europe/Berlin, Asia/Shanghai, UTC)",
          e);
    }
    Cron cron;
    try {
      cron = PARSER.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cron \""
              + expression
              + "\" is not a five-field Unix cron expression (minute hour day month weekday): "
              + e.getMessage(),
          e);
    }
    CronSchedule schedule = new CronSchedule(expression, zone, cron);
    ZonedDateTime from = now.atZone(zone);
    Optional<ZonedDateTime> next = schedule.nextAfter(now);
    if (next.isEmpty() || next.get().isAfter(from.plusYears(HORIZON_YEARS))) {
      throw new IllegalArgumentException(
          "cron \"" + expression + "\" never fires (no such date); check the day and month");
    }
    return schedule;
  }

  /** The first firing strictly after {@code instant}, if any. */
  public Optional<ZonedDateTime> nextAfter(Instant instant) {
    try {
      return executionTime.nextExecution(instant.atZone(zone));
    } catch (RuntimeException e) { // cron-utils gives up on dates that never come
      return Optional.empty();
    }
  }

  /** True when the schedule fired in (after, upTo]: a run is due. */
  public boolean firesBetween(Instant after, Instant upTo) {
    return nextAfter(after).map(t -> !t.toInstant().isAfter(upTo)).orElse(false);
  }

  /** The schedule in English words, e.g. "at 10:00 at Monday day". */
  public String describe() {
    return CronDescriptor.instance(Locale.UK).describe(cron) + " (" + zone.getId() + ")";
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }
}
