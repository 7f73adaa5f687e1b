package org.sentio.automation.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The pieces a grammar found in a sentence, collected before they become a workflow. */
final class Draft {
  /** A step found at a position in the sentence; steps run in the order they were said. */
  record Found(int position, String skill, Map<String, Object> params) {}

  final List<Found> steps = new ArrayList<>();

  /** Destinations said apart from their step, e.g. "… of the calls where …, to ~/reports". */
  final List<Found> danglingFolders = new ArrayList<>();

  final List<String> problems = new ArrayList<>();

  /** Cron days of the week (0 = Sunday), empty for every day. */
  final TreeSet<Integer> weekdays = new TreeSet<>();

  Integer dayOfMonth;
  Integer hour;
  Integer minute;

  /** Every N minutes (or hours, as a multiple of 60). */
  Integer everyMinutes;

  boolean scheduled;
  String zone;
  String watchFolder;

  void step(int position, String skill, Object... keysAndValues) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        params.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    steps.add(new Found(position, skill, params));
  }

  void time(int newHour, int newMinute) {
    if (hour != null && (hour != newHour || minute != newMinute)) {
      problems.add(
          String.format(
              "two times given (%02d:%02d and %02d:%02d): give one",
              hour, minute, newHour, newMinute));
    }
    hour = newHour;
    minute = newMinute;
    scheduled = true;
  }
}
