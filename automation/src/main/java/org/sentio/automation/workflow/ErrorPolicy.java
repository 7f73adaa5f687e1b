package org.sentio.automation.workflow;

/**
 * What a step does when its skill fails.
 *
 * @param retries how many times a transient failure is retried (0 = never)
 * @param backoffSeconds wait before the first retry; each further retry waits twice as long
 * @param then after the last failure: {@code rollback} undoes the run's outputs, {@code stop} keeps
 *     them
 */
public record ErrorPolicy(int retries, double backoffSeconds, String then) {
  public static final String ROLLBACK = "rollback";
  public static final String STOP = "stop";
  public static final ErrorPolicy DEFAULT = new ErrorPolicy(3, 30, ROLLBACK);

  public ErrorPolicy {
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("onError.retries must be 0 to 10, not " + retries);
    }
    if (!(backoffSeconds >= 0) || backoffSeconds > 86_400) {
      throw new IllegalArgumentException(
          "onError.backoffSeconds must be 0 to 86400, not " + backoffSeconds);
    }
    if (!ROLLBACK.equals(then) && !STOP.equals(then)) {
      throw new IllegalArgumentException(
          "onError.then must be \"rollback\" or \"stop\", not \"" + then + "\"");
    }
  }

  /** The wait before retry number {@code attempt} (1 = first retry), doubling each time. */
  public double backoffBefore(int attempt) {
    return backoffSeconds * Math.pow(2, Math.max(0, attempt - 1));
  }
}
