package org.sentio.automation.workflow;

/**
 * What starts a workflow.
 *
 * @param type schedule, watch or manual
 * @param cron five-field Unix cron expression for a schedule, else {@code null}
 * @param zone IANA time zone of the schedule, or {@code null} for the machine's zone
 * @param folder the watched folder for a watch trigger, else {@code null}
 */
public record Trigger(TriggerType type, String cron, String zone, String folder) {
  public static final Trigger MANUAL = new Trigger(TriggerType.MANUAL, null, null, null);

  public static Trigger schedule(String cron, String zone) {
    return new Trigger(TriggerType.SCHEDULE, cron, zone, null);
  }

  public static Trigger watch(String folder) {
    return new Trigger(TriggerType.WATCH, null, null, folder);
  }
}
