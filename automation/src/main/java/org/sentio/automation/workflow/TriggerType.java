package org.sentio.automation.workflow;

import java.util.Locale;

/** What starts a run: a cron schedule, new files in a watched folder, or a person. */
public enum TriggerType {
  SCHEDULE,
  WATCH,
  MANUAL;

  /** The name in JSON and on the command line. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a JSON name; throws {@link IllegalArgumentException} naming the accepted ones. */
  public static TriggerType parse(String text) {
    for (TriggerType type : values()) {
      if (type.jsonName().equals(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown trigger type \"" + text + "\" (use schedule, watch or manual)");
  }
}
