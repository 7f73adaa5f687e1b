package org.sentio.automation.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.sentio.automation.workflow.ErrorPolicy;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Trigger;
import org.sentio.automation.workflow.Workflow;

/**
 * Turns a sentence into a workflow, deterministically and offline: phrase rules of the sentence's
 * language (English, or Simplified Chinese when it holds Han characters) pick out the trigger, the
 * schedule and the steps; the steps run in the order they were said, except that a condition on the
 * results runs right after the analysis it filters. Every word no rule understood is reported.
 */
public final class WorkflowParser {
  private static final int MAX_INPUT = 2_000;

  /** Parses {@code sentence}; never throws on user input. */
  public ParseResult parse(String sentence) {
    String text = sentence == null ? "" : sentence.strip();
    Grammar grammar = isChinese(text) ? new ChineseGrammar() : new EnglishGrammar();
    if (text.length() > MAX_INPUT) {
      return new ParseResult(
          new Workflow("workflow", grammar.language(), text, Trigger.MANUAL, List.of()),
          List.of(),
          List.of("the sentence is " + text.length() + " characters; at most " + MAX_INPUT));
    }
    Draft draft = new Draft();
    String leftover = grammar.apply(text, draft);
    List<String> unparsed = grammar.leftoverWords(leftover);
    attachDanglingFolders(draft);
    Trigger trigger = trigger(draft);
    List<Step> steps = steps(draft);
    Workflow workflow =
        new Workflow(name(draft, trigger), grammar.language(), text, trigger, steps);
    if (text.isEmpty()) {
      draft.problems.add("the sentence is empty: say what to do and when");
    }
    return new ParseResult(workflow, unparsed, draft.problems);
  }

  private static boolean isChinese(String text) {
    return text.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /** A destination said apart from its step goes to the closest step before it that lacks one. */
  private static void attachDanglingFolders(Draft draft) {
    for (Draft.Found destination : draft.danglingFolders) {
      Draft.Found owner = null;
      for (Draft.Found step : draft.steps) {
        boolean wantsFolder =
            List.of("report", "export", "copy").contains(step.skill())
                && !step.params().containsKey("folder");
        if (wantsFolder
            && (owner == null
                || Math.abs(step.position() - destination.position())
                    < Math.abs(owner.position() - destination.position()))) {
          owner = step;
        }
      }
      if (owner == null) {
        draft.problems.add(
            "\""
                + destination.params().get("folder")
                + "\": no report, export or copy to send it to");
      } else {
        owner.params().put("folder", destination.params().get("folder"));
      }
    }
  }

  private static Trigger trigger(Draft draft) {
    if (draft.watchFolder != null && draft.scheduled) {
      draft.problems.add(
          "both a schedule and a watched folder: choose one (a schedule can analyse the new"
              + " recordings of a folder)");
    }
    if (draft.watchFolder != null) {
      return Trigger.watch(draft.watchFolder);
    }
    if (!draft.scheduled) {
      if (draft.zone != null) {
        draft.problems.add("a time zone (" + draft.zone + ") without a schedule: say when to run");
      }
      return Trigger.MANUAL;
    }
    return Trigger.schedule(cron(draft), draft.zone);
  }

  private static String cron(Draft draft) {
    String dayOfWeek = weekdays(draft);
    String dayOfMonth = draft.dayOfMonth == null ? "*" : draft.dayOfMonth.toString();
    if (draft.everyMinutes != null) {
      if (draft.hour != null) {
        draft.problems.add("both an interval and a time of day: give one");
      }
      int minutes = draft.everyMinutes;
      if (minutes < 1 || (minutes >= 60 && minutes % 60 != 0) || minutes > 24 * 60) {
        draft.problems.add(
            "every "
                + minutes
                + " minutes cannot be a schedule: use 1 to 59 minutes or whole hours");
        return "* * * * *";
      }
      if (minutes < 60) {
        return (minutes == 1 ? "*" : "*/" + minutes) + " * " + dayOfMonth + " * " + dayOfWeek;
      }
      int hours = minutes / 60;
      return "0 "
          + (hours == 1 ? "*" : hours == 24 ? "0" : "*/" + hours)
          + " "
          + dayOfMonth
          + " * "
          + dayOfWeek;
    }
    if (draft.hour == null) {
      draft.problems.add("a schedule without a time: say when, e.g. \"at 10:00\" / \"上午10点\"");
      return "0 0 " + dayOfMonth + " * " + dayOfWeek;
    }
    return draft.minute + " " + draft.hour + " " + dayOfMonth + " * " + dayOfWeek;
  }

  private static String weekdays(Draft draft) {
    if (draft.weekdays.isEmpty() || draft.weekdays.size() == 7) {
      return "*";
    }
    List<Integer> days = new ArrayList<>(draft.weekdays);
    boolean consecutive = days.get(days.size() - 1) - days.get(0) == days.size() - 1;
    if (consecutive && days.size() > 2) {
      return days.get(0) + "-" + days.get(days.size() - 1);
    }
    return days.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** The found steps in the order they were said, filters moved right after their analysis. */
  private static List<Step> steps(Draft draft) {
    List<Draft.Found> found = new ArrayList<>(draft.steps);
    found.sort(Comparator.comparingInt(Draft.Found::position));
    List<Draft.Found> ordered = new ArrayList<>();
    List<Draft.Found> filters = found.stream().filter(f -> f.skill().equals("filter")).toList();
    for (Draft.Found step : found) {
      if (step.skill().equals("filter")) {
        continue;
      }
      ordered.add(step);
      if (step.skill().equals("analyse")) {
        ordered.addAll(filters);
      }
    }
    if (ordered.stream().noneMatch(f -> f.skill().equals("analyse"))) {
      ordered.addAll(0, filters); // reported by the dependency check: nothing analyses first
    }
    Map<String, Integer> seen = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (Draft.Found step : ordered) {
      int count = seen.merge(step.skill(), 1, Integer::sum);
      ids.add(count == 1 ? step.skill() : step.skill() + "-" + count);
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      List<String> next = i + 1 < ordered.size() ? List.of(ids.get(i + 1)) : List.of();
      ErrorPolicy onError =
          ordered.get(i).skill().equals("review")
              ? new ErrorPolicy(0, 0, ErrorPolicy.ROLLBACK)
              : ErrorPolicy.DEFAULT;
      steps.add(
          new Step(ids.get(i), ordered.get(i).skill(), ordered.get(i).params(), next, onError));
    }
    return steps;
  }

  /** A readable name: the first folder's last part and the cadence, e.g. {@code calls-weekly}. */
  private static String name(Draft draft, Trigger trigger) {
    String folder = draft.watchFolder;
    if (folder == null) {
      folder =
          draft.steps.stream()
              .filter(f -> f.params().get("folder") != null)
              .sorted(Comparator.comparingInt(Draft.Found::position))
              .map(f -> f.params().get("folder").toString())
              .findFirst()
              .orElse("workflow");
    }
    String base = lastPart(folder);
    String cadence =
        switch (trigger.type()) {
          case WATCH -> "watch";
          case MANUAL -> "manual";
          case SCHEDULE -> {
            if (draft.everyMinutes != null) {
              yield draft.everyMinutes % 60 == 0
                  ? "hourly"
                  : "every-" + draft.everyMinutes + "-min";
            }
            if (draft.dayOfMonth != null) {
              yield "monthly";
            }
            yield draft.weekdays.isEmpty() ? "daily" : "weekly";
          }
        };
    return base + "-" + cadence;
  }

  private static String lastPart(String folder) {
    String trimmed = folder.replaceAll("[/\\\\]+$", "");
    String last;
    try {
      Path name = Path.of(trimmed.replace('\\', '/')).getFileName();
      last = name == null ? "workflow" : name.toString();
    } catch (RuntimeException e) { // an odd path: the name is only a label
      last = "workflow";
    }
    String slug =
        last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return slug.isEmpty() || slug.equals("~") ? "workflow" : slug;
  }
}
