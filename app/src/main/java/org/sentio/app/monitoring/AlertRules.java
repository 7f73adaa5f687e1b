package org.sentio.app.monitoring;

import java.time.Duration;
import java.util.Map;

/**
 * The thresholds alerts are raised at.
 *
 * @param stepLimit how long a workflow step may take (retries and their waits included)
 * @param stepLimits a limit per skill, over {@code stepLimit} (e.g. analyse: longer)
 * @param failuresInARow how many failed runs of one workflow in a row raise an alert
 */
public record AlertRules(Duration stepLimit, Map<String, Duration> stepLimits, int failuresInARow) {
  /** Ten minutes a step (an hour for an analysis of a folder), three failed runs in a row. */
  public static final AlertRules DEFAULT =
      new AlertRules(Duration.ofMinutes(10), Map.of("analyse", Duration.ofHours(1)), 3);

  public AlertRules {
    if (stepLimit.isNegative() || stepLimit.isZero()) {
      throw new IllegalArgumentException("a step limit must be positive, not " + stepLimit);
    }
    if (failuresInARow < 1) {
      throw new IllegalArgumentException(
          "failures in a row must be at least 1, not " + failuresInARow);
    }
    stepLimits = Map.copyOf(stepLimits);
  }

  /** The limit of a step of {@code skill}. */
  public Duration limitOf(String skill) {
    return stepLimits.getOrDefault(skill, stepLimit);
  }
}
