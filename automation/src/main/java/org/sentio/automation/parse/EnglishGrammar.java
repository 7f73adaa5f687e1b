package org.sentio.automation.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** English phrases for triggers, schedules and the built-in skills. */
final class EnglishGrammar extends Grammar {
  /** Word start: not inside a word or a path, so "~/reports" never reads as "report". */
  private static final String B = "(?<![\\w/\\\\~.-])";

  private static final String MEDIA =
      "(?:recordings?|calls?|files?|videos?|voice\\s+notes?|voice\\s+memos?|audio\\s+files?"
          + "|audio|interviews?|studies|study|clips?|media|conversations?)";
  private static final String SUBJECT =
      "(?:customer|caller|client|patient|speaker|person|user|agent|interviewee|clinician)";

  static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("ten", 10),
          Map.entry("twelve", 12),
          Map.entry("fifteen", 15),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("forty-five", 45),
          Map.entry("sixty", 60),
          Map.entry("ninety", 90));
  private static final String NUMBER = "(?:\\d+|" + alternation(NUMBERS) + ")";

  private static final Map<String, String> EMOTIONS =
      Map.ofEntries(
          Map.entry("angry", "angry"),
          Map.entry("mad", "angry"),
          Map.entry("furious", "angry"),
          Map.entry("annoyed", "angry"),
          Map.entry("irritated", "angry"),
          Map.entry("frustrated", "angry"),
          Map.entry("sad", "sad"),
          Map.entry("unhappy", "sad"),
          Map.entry("fearful", "fearful"),
          Map.entry("afraid", "fearful"),
          Map.entry("scared", "fearful"),
          Map.entry("frightened", "fearful"),
          Map.entry("anxious", "fearful"),
          Map.entry("nervous", "fearful"),
          Map.entry("happy", "happy"),
          Map.entry("pleased", "happy"),
          Map.entry("cheerful", "happy"),
          Map.entry("disgusted", "disgusted"),
          Map.entry("surprised", "surprised"),
          Map.entry("neutral", "neutral"),
          Map.entry("calm", "neutral"),
          Map.entry("distressed", "distressed"),
          Map.entry("upset", "distressed"));
  private static final Map<String, String> EMOTION_NOUNS =
      Map.ofEntries(
          Map.entry("anger", "angry"),
          Map.entry("frustration", "angry"),
          Map.entry("sadness", "sad"),
          Map.entry("fear", "fearful"),
          Map.entry("anxiety", "fearful"),
          Map.entry("happiness", "happy"),
          Map.entry("joy", "happy"),
          Map.entry("disgust", "disgusted"),
          Map.entry("surprise", "surprised"),
          Map.entry("distress", "distressed"));

  private static final Map<String, Integer> DAYS =
      Map.ofEntries(
          Map.entry("sunday", 0),
          Map.entry("sundays", 0),
          Map.entry("sun", 0),
          Map.entry("monday", 1),
          Map.entry("mondays", 1),
          Map.entry("mon", 1),
          Map.entry("tuesday", 2),
          Map.entry("tuesdays", 2),
          Map.entry("tue", 2),
          Map.entry("wednesday", 3),
          Map.entry("wednesdays", 3),
          Map.entry("wed", 3),
          Map.entry("thursday", 4),
          Map.entry("thursdays", 4),
          Map.entry("thu", 4),
          Map.entry("friday", 5),
          Map.entry("fridays", 5),
          Map.entry("fri", 5),
          Map.entry("saturday", 6),
          Map.entry("saturdays", 6),
          Map.entry("sat", 6),
          // Groups, expanded below: -1 weekdays, -2 weekend, -3 every day.
          Map.entry("weekday", -1),
          Map.entry("weekdays", -1),
          Map.entry("working day", -1),
          Map.entry("working days", -1),
          Map.entry("business day", -1),
          Map.entry("business days", -1),
          Map.entry("weekend", -2),
          Map.entry("weekends", -2),
          Map.entry("day", -3),
          Map.entry("night", -3),
          Map.entry("morning", -3),
          Map.entry("evening", -3));
  private static final String DAY = "(?:" + alternation(DAYS) + ")";
  private static final String DAY_LIST = DAY + "(?:\\s*(?:,|and|&|or)\\s*" + DAY + ")*";

  private static final Map<String, String> CITY_ZONES =
      Map.ofEntries(
          Map.entry("beijing", "Asia/Shanghai"),
          Map.entry("shanghai", "Asia/Shanghai"),
          Map.entry("china", "Asia/Shanghai"),
          Map.entry("london", "Europe/London"),
          Map.entry("uk", "Europe/London"),
          Map.entry("berlin", "Europe/Berlin"),
          Map.entry("paris", "Europe/Paris"),
          Map.entry("new york", "America/New_York"),
          Map.entry("tokyo", "Asia/Tokyo"));

  private static final Set<String> FILLER =
      Set.of(
          "and",
          "then",
          "also",
          "the",
          "a",
          "an",
          "please",
          "after",
          "that",
          "finally",
          "first",
          "next",
          "afterwards",
          "so",
          "it",
          "them",
          "and then",
          "&",
          "-",
          "—");

  EnglishGrammar() {
    // Watched folders: the trigger, not a step.
    rule(
        B
            + "(?:when(?:ever)?|as\\s+soon\\s+as|each\\s+time|every\\s+time|once)\\s+(?:an?\\s+|any\\s+)?"
            + "(?:new\\s+)?"
            + MEDIA
            + "\\s+(?:arrives?|appears?|(?:is|are)\\s+(?:added|saved|dropped|put|copied|uploaded)"
            + "|lands?|comes?\\s+in|shows?\\s+up|gets?\\s+added)\\s+(?:in|into|to|inside|under)\\s+"
            + "(?:the\\s+)?(?:folder\\s+)?"
            + PATH,
        (m, d) -> d.watchFolder = folder(m));
    rule(
        B
            + "(?:watch|monitor|keep\\s+an\\s+eye\\s+on)\\s+(?:the\\s+)?(?:folder\\s+)?"
            + PATH
            + "(?:\\s+for\\s+(?:any\\s+)?new\\s+"
            + MEDIA
            + ")?",
        (m, d) -> d.watchFolder = folder(m));
    rule(
        B
            + "(?:for\\s+)?(?:each|every)\\s+new\\s+"
            + MEDIA
            + "\\s+(?:in|that\\s+arrives\\s+in|dropped\\s+into|added\\s+to|saved\\s+in|put\\s+in)\\s+"
            + "(?:the\\s+)?(?:folder\\s+)?"
            + PATH,
        (m, d) -> d.watchFolder = folder(m));

    // Conditions on the results.
    String lead =
        "(?:"
            + B
            + "(?:report|flag|keep|select|pick|find|mark|highlight|list|only\\s+keep|filter)\\s+"
            + "(?:out\\s+)?(?:only\\s+)?(?:the\\s+)?(?:ones|"
            + MEDIA
            + "|those|sessions?)?\\s*)?";
    String more = "(?:more\\s+than|over|longer\\s+than|at\\s+least|above|>)";
    String unit = "(?<unit>seconds?|secs?|s|minutes?|mins?)\\b";
    rule(
        lead
            + B
            + "(?:where|in\\s+which|when|whose|if|in\\s+case)\\s+(?:the\\s+|a\\s+)?(?:(?<who>"
            + SUBJECT
            + ")\\s+)?(?:was|is|were|got|gets|seemed|seems|sounded|sounds|became|becomes|stayed"
            + "|stays|remained|has\\s+been|had\\s+been|looked|looks|felt|feels)?\\s*(?<emo>"
            + alternation(EMOTIONS)
            + ")\\s+(?:for\\s+)?"
            + more
            + "\\s*(?<n>"
            + NUMBER
            + ")\\s*"
            + unit,
        (m, d) -> filter(m, d, EMOTIONS));
    rule(
        lead
            + B
            + "(?:with|that\\s+have|having|containing)\\s+"
            + more
            + "\\s*(?<n>"
            + NUMBER
            + ")\\s*"
            + unit
            + "\\s+of\\s+(?:(?<who>"
            + SUBJECT
            + ")\\s+)?(?<emo>"
            + alternation(EMOTION_NOUNS)
            + ")\\b",
        (m, d) -> filter(m, d, EMOTION_NOUNS));

    rule(
        B
            + "(?:evaluate|assess|compare)\\s+(?:(?:them|it|the\\s+results?|the\\s+sessions?"
            + "|the\\s+accuracy|accuracy)\\s+)?(?:against|with|to|using)\\s+(?:the\\s+)?"
            + "(?:labels?|annotations?|ground\\s+truth)\\s+(?:in|from|at)\\s+(?:the\\s+(?:file\\s+)?)?"
            + PATH,
        (m, d) -> d.step(m.start(), "evaluate", "labels", folder(m)));

    String exportFormat = "(?:csv|json|vtt|webvtt|elan|eaf)";
    rule(
        B
            + "(?:export|save)\\s+(?:(?:them|it|the\\s+results?|the\\s+sessions?|the\\s+windows"
            + "|the\\s+data|everything)\\s+)?(?:(?:as|to|in)\\s+)?(?<f1>"
            + exportFormat
            + ")(?:\\s*(?:,|and|&)\\s*(?<f2>"
            + exportFormat
            + "))?(?:\\s+files?)?(?:\\s+(?:to|into|in|under)\\s+(?:the\\s+)?(?:folder\\s+)?"
            + PATH
            + ")?",
        (m, d) -> {
          List<String> formats = new ArrayList<>();
          formats.add(exportName(m.group("f1")));
          if (m.group("f2") != null) {
            formats.add(exportName(m.group("f2")));
          }
          d.step(m.start(), "export", "format", String.join(",", formats), "folder", folder(m));
        });

    rule(
        B
            + "(?:copy|archive|back\\s+up|backup|duplicate)\\s+(?:(?:them|it|those|these|the\\s+"
            + "(?:flagged\\s+|original\\s+)?(?:"
            + MEDIA
            + "|originals?|ones))\\s+)?(?:to|into|in|under)\\s+(?:the\\s+)?(?:folder\\s+)?"
            + PATH,
        (m, d) -> d.step(m.start(), "copy", "folder", folder(m)));

    String approver =
        "(?<who>a\\s+person|a\\s+human|someone|somebody|a\\s+supervisor|a\\s+reviewer|a\\s+manager"
            + "|the\\s+team\\s+lead|the\\s+supervisor|the\\s+manager|me)";
    rule(
        B
            + "(?:(?:have|let|ask|get)\\s+)?"
            + approver
            + "\\s+(?:must\\s+|should\\s+|has\\s+to\\s+|to\\s+|will\\s+)?(?:approves?|reviews?|checks?"
            + "|signs?\\s+off(?:\\s+on)?|confirms?|okays?|validates?)(?:\\s+(?:the\\s+(?:report|summary"
            + "|results?|list)|it|them))?(?:\\s+(?:before|first|prior\\s+to)(?:\\s+(?:(?:it|they)\\s+"
            + "(?:is|are)\\s+(?:sent|copied|shared|published|delivered|exported|saved)|sending|sharing"
            + "|anything\\s+else|notifying(?:\\s+anyone)?))?)?",
        (m, d) -> d.step(m.start(), "review", "approver", approverName(m.group("who"))));
    rule(
        B
            + "(?:wait\\s+for|ask\\s+for|after|require|requires|needs?)\\s+(?:a\\s+|my\\s+|the\\s+)?"
            + "(?:person's\\s+|human\\s+|manual\\s+|supervisor's\\s+|manager's\\s+)?(?:approval|sign-?off"
            + "|review)(?:\\s+(?:first|before\\s+(?:sending|sharing)))?",
        (m, d) -> d.step(m.start(), "review", "approver", "person"));

    String done =
        "(?:\\s+(?:when|once)\\s+(?:it\\s+is\\s+|it's\\s+|they\\s+are\\s+|everything\\s+is\\s+)?"
            + "(?:done|finished|ready|complete))?";
    rule(
        B
            + "(?:notify|alert|tell|ping|inform|warn)\\s+(?<to>me|us|the\\s+team|my\\s+team"
            + "|the\\s+supervisor|the\\s+manager|everyone)"
            + done,
        (m, d) -> d.step(m.start(), "notify", "to", m.group("to").toLowerCase(Locale.ROOT)));
    rule(
        B
            + "(?:send|show|give|pop\\s+up)\\s+(?:me\\s+|us\\s+)?(?:an?\\s+)?(?:desktop\\s+)?"
            + "(?:notification|alert)(?:\\s+to\\s+(?<to>me|us|the\\s+team))?"
            + done,
        (m, d) ->
            d.step(
                m.start(),
                "notify",
                "to",
                m.group("to") == null ? "me" : m.group("to").toLowerCase(Locale.ROOT)));
    rule(B + "let\\s+me\\s+know" + done, (m, d) -> d.step(m.start(), "notify", "to", "me"));

    rule(
        B
            + "(?:(?:write|make|create|produce|generate|build|save|put|prepare|draw\\s+up)\\s+)?"
            + "(?:me\\s+)?(?:(?:an?|one)\\s+)?(?:(?<fmt>pdf|html|web)\\s+)?(?:summary\\s+)?"
            + "(?:summary|report|overview|reports)(?:\\s+(?:as|in)\\s+(?:an?\\s+)?(?<fmt2>pdf|html)"
            + "(?:\\s+files?)?)?(?:\\s+(?:of|for|about|on)\\s+(?:them|it|those|these|the\\s+results?"
            + "|each\\s+(?:one|call|session|recording)|the\\s+(?:flagged\\s+)?(?:"
            + MEDIA
            + "|ones)))?(?:\\s+(?:to|into|in|under|at)\\s+(?:the\\s+)?(?:folder\\s+)?"
            + PATH
            + ")?",
        (m, d) -> {
          String format = m.group("fmt") != null ? m.group("fmt") : m.group("fmt2");
          d.step(
              m.start(),
              "report",
              "format",
              format == null ? "pdf" : reportName(format),
              "folder",
              folder(m));
        });

    rule(
        B
            + "(?:analy[sz]e|process|run\\s+(?:the\\s+)?analysis\\s+on)\\s+(?:all\\s+(?:of\\s+)?)?"
            + "(?:the\\s+)?(?:(?<sel>new|latest|incoming|fresh|unprocessed)\\s+)?"
            + MEDIA
            + "(?:\\s+(?:in|from|under|inside|of|at)\\s+(?:the\\s+)?(?:folder\\s+)?"
            + PATH
            + ")?",
        (m, d) -> d.step(m.start(), "analyse", "folder", folder(m)));
    rule(
        B + "(?:analy[sz]e|process)\\s+(?:the\\s+)?(?:folder\\s+)?" + PATH,
        (m, d) -> d.step(m.start(), "analyse", "folder", folder(m)));
    rule(
        B + "(?:analy[sz]e|process)\\s+(?:them|it|each\\s+one|each|everything|those|these)\\b",
        (m, d) -> d.step(m.start(), "analyse"));

    // A destination said apart from its step ("… report of the calls where …, to ~/reports").
    rule(
        B
            + "(?:(?:and\\s+)?(?:put|save|store|write|place)\\s+(?:it|them)\\s+)?(?:to|into)\\s+"
            + PATH,
        (m, d) ->
            d.danglingFolders.add(new Draft.Found(m.start(), "", Map.of("folder", folder(m)))));

    // Schedules.
    rule(
        B + "(?:every|each)\\s+(?:(?<n>" + NUMBER + ")\\s+)?(?<unit>minutes?|mins?|hours?)\\b",
        (m, d) -> {
          int n = m.group("n") == null ? 1 : number(m.group("n"));
          d.everyMinutes = m.group("unit").toLowerCase(Locale.ROOT).startsWith("h") ? n * 60 : n;
          d.scheduled = true;
        });
    rule(B + "(?:every\\s+half\\s+(?:an\\s+)?hour)", (m, d) -> interval(d, 30));
    rule(B + "hourly\\b", (m, d) -> interval(d, 60));
    rule(
        B
            + "(?:(?:every|each)\\s+month|monthly)\\s+on\\s+the\\s+(?<dom>\\d{1,2})(?:st|nd|rd|th)?"
            + "(?:\\s+day)?",
        (m, d) -> monthDay(d, m.group("dom")));
    rule(
        B
            + "on\\s+the\\s+(?<dom>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:day\\s+)?of\\s+(?:every|each|the)\\s+month",
        (m, d) -> monthDay(d, m.group("dom")));
    rule(
        B
            + "(?:(?:every|each)\\s+week\\s+on|weekly\\s+on|every|each|on)\\s+(?<days>"
            + DAY_LIST
            + ")\\b",
        (m, d) -> days(m.group("days"), d));
    rule(B + "(?:daily|nightly|every\\s+single\\s+day)\\b", (m, d) -> d.scheduled = true);
    rule(
        B
            + "(?:at\\s+)?(?<h>\\d{1,2})(?:[:.](?<m>\\d{2}))?\\s*(?<ampm>a\\.?m\\.?|p\\.?m\\.?)"
            + "(?=\\W|$)",
        (m, d) -> time(m, d));
    rule(
        B
            + "at\\s+(?<h>\\d{1,2})(?:[:.](?<m>\\d{2}))?(?:\\s*(?<ampm>o'clock))?(?:\\s+in\\s+the\\s+"
            + "(?<part>morning|afternoon|evening))?\\b",
        (m, d) -> time(m, d));
    rule(
        B + "at\\s+(?<word>noon|midday|midnight)\\b",
        (m, d) -> d.time(m.group("word").equalsIgnoreCase("midnight") ? 0 : 12, 0));
    rule(
        B
            + "(?:in\\s+)?(?:the\\s+)?(?<zone>UTC|GMT|[A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)"
            + "(?:\\s+time)?\\b",
        (m, d) -> d.zone = m.group("zone").equalsIgnoreCase("gmt") ? "UTC" : canonicalZone(m));
    rule(
        B + "(?:in\\s+)?(?<city>" + alternation(CITY_ZONES) + ")\\s+time\\b",
        (m, d) -> d.zone = CITY_ZONES.get(m.group("city").toLowerCase(Locale.ROOT)));
  }

  @Override
  String language() {
    return "en";
  }

  @Override
  List<String> leftoverWords(String leftover) {
    List<String> words = new ArrayList<>();
    for (String raw : leftover.split("[\\s\\u0001]+")) {
      String word = raw.replaceAll("^[,;:.!?()\"']+|[,;:.!?()\"']+$", "");
      if (!word.isEmpty() && !FILLER.contains(word.toLowerCase(Locale.ROOT))) {
        words.add(word);
      }
    }
    return words;
  }

  private static void filter(Matcher m, Draft d, Map<String, String> emotions) {
    int n = number(m.group("n"));
    int seconds = m.group("unit").toLowerCase(Locale.ROOT).startsWith("m") ? n * 60 : n;
    String who = m.group("who");
    d.step(
        m.start(),
        "filter",
        "emotion",
        lookup(emotions, m.group("emo")),
        "minSeconds",
        seconds,
        "subject",
        who == null ? null : who.toLowerCase(Locale.ROOT));
  }

  static int number(String text) {
    Integer word = NUMBERS.get(text.toLowerCase(Locale.ROOT));
    return word != null ? word : Integer.parseInt(text);
  }

  private static void interval(Draft d, int minutes) {
    d.everyMinutes = minutes;
    d.scheduled = true;
  }

  private static void monthDay(Draft d, String text) {
    int day = Integer.parseInt(text);
    if (day < 1 || day > 31) {
      d.problems.add("day " + day + " of the month does not exist: use 1 to 31");
    }
    d.dayOfMonth = day;
    d.scheduled = true;
  }

  private static void days(String list, Draft d) {
    for (String word : list.toLowerCase(Locale.ROOT).split("\\s*(?:,|\\band\\b|&|\\bor\\b)\\s*")) {
      Integer day = DAYS.get(word.trim().replaceAll("\\s+", " "));
      if (day == null) {
        continue;
      }
      switch (day) {
        case -1 -> d.weekdays.addAll(List.of(1, 2, 3, 4, 5));
        case -2 -> d.weekdays.addAll(List.of(0, 6));
        case -3 -> {
          if (word.contains("morning") && d.hour == null) {
            d.hour = 8;
            d.minute = 0;
          } else if (word.contains("evening") && d.hour == null) {
            d.hour = 18;
            d.minute = 0;
          } else if (word.contains("night") && d.hour == null) {
            d.hour = 22;
            d.minute = 0;
          }
        }
        default -> d.weekdays.add(day);
      }
    }
    d.scheduled = true;
  }

  private static void time(Matcher m, Draft d) {
    int hour = Integer.parseInt(m.group("h"));
    int minute = m.group("m") == null ? 0 : Integer.parseInt(m.group("m"));
    String ampm = m.group("ampm") == null ? "" : m.group("ampm").toLowerCase(Locale.ROOT);
    String part = groupOrEmpty(m, "part");
    boolean pm = ampm.startsWith("p") || part.equals("afternoon") || part.equals("evening");
    boolean am = ampm.startsWith("a") || part.equals("morning");
    if ((pm || am) && (hour < 1 || hour > 12)) {
      d.problems.add(hour + " " + (pm ? "pm" : "am") + " is not a time: use 1 to 12 with am/pm");
      return;
    }
    if (hour > 23 || minute > 59) {
      d.problems.add(String.format("%d:%02d is not a time of day", hour, minute));
      return;
    }
    if (pm && hour < 12) {
      hour += 12;
    } else if (am && hour == 12) {
      hour = 0;
    }
    d.time(hour, minute);
  }

  private static String groupOrEmpty(Matcher m, String name) {
    try {
      String value = m.group(name);
      return value == null ? "" : value.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) { // this rule has no such group
      return "";
    }
  }

  /** Zone ids keep their capitals (Europe/Berlin) whatever case the user typed. */
  private static String canonicalZone(Matcher m) {
    String typed = m.group("zone");
    if (typed.equalsIgnoreCase("utc")) {
      return "UTC";
    }
    for (String id : java.time.ZoneId.getAvailableZoneIds()) {
      if (id.equalsIgnoreCase(typed)) {
        return id;
      }
    }
    return typed; // refused later with the list of the right form
  }

  private static String exportName(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "webvtt" -> "vtt";
      case "elan" -> "eaf";
      default -> format.toLowerCase(Locale.ROOT);
    };
  }

  private static String reportName(String format) {
    String lower = format.toLowerCase(Locale.ROOT);
    return lower.equals("web") ? "html" : lower;
  }

  private static String approverName(String who) {
    String lower = who.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return lower.replaceFirst("^(a|the) ", "");
  }
}
