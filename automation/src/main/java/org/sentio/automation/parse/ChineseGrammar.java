package org.sentio.automation.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Simplified Chinese phrases for triggers, schedules and the built-in skills. */
final class ChineseGrammar extends Grammar {
  private static final String MEDIA = "(?:录音|通话|电话|文件|视频|录像|语音留言|语音|会话|访谈|音频|检查|研究)";
  private static final String SUBJECT = "(?:客户|顾客|来电者|用户|病人|患者|说话人|对方|坐席|客服)";
  private static final String NUMBER = "(?:\\d+|[零一二两三四五六七八九十百]+)";
  private static final String SPACE = "\\s*";

  private static final Map<String, String> EMOTIONS =
      Map.ofEntries(
          Map.entry("生气", "angry"),
          Map.entry("愤怒", "angry"),
          Map.entry("发火", "angry"),
          Map.entry("恼火", "angry"),
          Map.entry("不满", "angry"),
          Map.entry("难过", "sad"),
          Map.entry("悲伤", "sad"),
          Map.entry("伤心", "sad"),
          Map.entry("害怕", "fearful"),
          Map.entry("恐惧", "fearful"),
          Map.entry("焦虑", "fearful"),
          Map.entry("紧张", "fearful"),
          Map.entry("开心", "happy"),
          Map.entry("高兴", "happy"),
          Map.entry("快乐", "happy"),
          Map.entry("厌恶", "disgusted"),
          Map.entry("反感", "disgusted"),
          Map.entry("惊讶", "surprised"),
          Map.entry("吃惊", "surprised"),
          Map.entry("平静", "neutral"),
          Map.entry("痛苦", "distressed"),
          Map.entry("苦恼", "distressed"),
          Map.entry("情绪低落", "distressed"));

  private static final Map<String, Integer> DAYS =
      Map.of("日", 0, "天", 0, "一", 1, "二", 2, "三", 3, "四", 4, "五", 5, "六", 6);

  /** Words that join phrases and carry no meaning of their own here. */
  private static final Pattern FILLER =
      Pattern.compile(
          "然后|并且|接着|之后|最后|以及|一下|请|帮我|把|将|的|里|并|再|和|及|还|也|就|都|要|先" + "|[，。、；！：,.;!:\\s]");

  ChineseGrammar() {
    rule(
        "(?:当|每当|一旦)?"
            + SPACE
            + PATH
            + SPACE
            + "(?:里|中|内|下|文件夹里|目录里|文件夹中|目录中)?(?:有|出现|收到|来了|进来|多了)"
            + "(?:新的?|新)"
            + MEDIA
            + "(?:时|的时候|以后|后)?",
        (m, d) -> d.watchFolder = folder(m));
    rule(
        "(?:监控|监视|盯着|关注|监听)"
            + SPACE
            + "(?:文件夹|目录)?"
            + SPACE
            + PATH
            + "(?:"
            + SPACE
            + "(?:里|中)?的?新"
            + MEDIA
            + ")?",
        (m, d) -> d.watchFolder = folder(m));

    rule(
        "(?:(?:把|将|筛选出?|找出|标出|挑出|标记出?|只保留)"
            + SPACE
            + ")?(?:(?<who>"
            + SUBJECT
            + ")的?)?(?<emo>"
            + alternation(EMOTIONS)
            + ")(?:的)?(?:时间)?"
            + SPACE
            + "(?:超过|多于|大于|长于|至少|不少于|达到)"
            + SPACE
            + "(?<n>"
            + NUMBER
            + ")"
            + SPACE
            + "(?<unit>秒|分钟|分)(?:钟)?(?:以上)?的?(?:"
            + MEDIA
            + ")?",
        ChineseGrammar::filter);

    rule(
        "(?:用|按照?|根据|对照)"
            + SPACE
            + PATH
            + SPACE
            + "(?:里|中)?的?(?:标签|标注)(?:来)?"
            + "(?:评估|评测|检验)(?:准确率|结果|准确度)?",
        (m, d) -> d.step(m.start(), "evaluate", "labels", folder(m)));

    rule(
        "导出(?:为|成)?"
            + SPACE
            + "(?<f1>CSV|JSON|VTT|ELAN|EAF)(?:"
            + SPACE
            + "(?:和|、|,|，)"
            + SPACE
            + "(?<f2>CSV|JSON|VTT|ELAN|EAF))?"
            + SPACE
            + "(?:文件|格式)?(?:"
            + SPACE
            + "(?:到|至|放到|保存到)"
            + SPACE
            + PATH
            + ")?",
        (m, d) -> {
          List<String> formats = new ArrayList<>(List.of(exportName(m.group("f1"))));
          if (m.group("f2") != null) {
            formats.add(exportName(m.group("f2")));
          }
          d.step(m.start(), "export", "format", String.join(",", formats), "folder", folder(m));
        });

    rule(
        "(?:(?:原始)?(?:" + MEDIA + ")?)(?:复制|拷贝|备份)(?:一份)?" + SPACE + "(?:到|至)" + SPACE + PATH,
        (m, d) -> d.step(m.start(), "copy", "folder", folder(m)));

    rule(
        "(?:由|让|请|需要|等|经过?)?"
            + SPACE
            + "(?<who>一个人|有人|人工|主管|审核员|经理|组长|我)"
            + "(?:先)?(?:审核|审批|批准|确认|过目|复核)(?:一下)?(?:报告|结果)?(?:后|之后|以后)?"
            + "(?:再)?(?:发送|发出)?",
        (m, d) -> d.step(m.start(), "review", "approver", approver(m.group("who"))));
    rule(
        "(?:经|经过)?(?:人工)(?:审核|审批|批准)(?:后|之后)?|(?:经|经过)(?:审核|审批|批准)(?:后|之后)",
        (m, d) -> d.step(m.start(), "review", "approver", "person"));

    rule(
        "(?:通知|提醒|告诉)" + SPACE + "(?<to>我们|我|团队|主管|大家|经理)(?:一声)?",
        (m, d) -> d.step(m.start(), "notify", "to", notifyTarget(m.group("to"))));
    rule(
        "(?:发|弹出|显示)(?:一?[个条])?(?:桌面)?(?:通知|提醒)(?:给(?<to>我们|我|团队|主管|大家))?",
        (m, d) ->
            d.step(
                m.start(),
                "notify",
                "to",
                m.group("to") == null ? "me" : notifyTarget(m.group("to"))));

    rule(
        "(?:(?:做成|生成|制作|写成?|输出|出|整理成)(?:一份|一个|份)?)?"
            + SPACE
            + "(?<fmt>PDF|HTML|网页)?"
            + SPACE
            + "(?:格式)?的?(?:报告|摘要|总结|汇总|报表)"
            + "(?:"
            + SPACE
            + "(?:放到|保存到|存到|写到|放在|保存在|存放到|输出到|发到|存入|到)"
            + SPACE
            + PATH
            + ")?",
        (m, d) -> {
          String format = m.group("fmt");
          d.step(m.start(), "report", "format", reportName(format), "folder", folder(m));
        });

    rule(
        "(?:分析|处理)(?:一下)?"
            + SPACE
            + "(?:"
            + PATH
            + SPACE
            + "(?:里|中|内|下|目录|文件夹|目录里|文件夹里)?(?:的)?)?"
            + SPACE
            + "(?:所有|全部)?的?(?:新的?|最新的?|新增的?)?"
            + MEDIA,
        (m, d) -> d.step(m.start(), "analyse", "folder", folder(m)));
    rule(
        "(?:分析|处理)(?:一下)?" + SPACE + "(?:文件夹|目录)?" + SPACE + PATH,
        (m, d) -> d.step(m.start(), "analyse", "folder", folder(m)));
    rule(
        "(?:把|将)?"
            + SPACE
            + PATH
            + SPACE
            + "(?:里|中|内)?的?(?:新的?|所有)?"
            + MEDIA
            + "(?:都)?(?:分析|处理)(?:一下)?",
        (m, d) -> d.step(m.start(), "analyse", "folder", folder(m)));
    rule("(?:分析|处理)(?:一下)?(?:它们|它|这些|每一个|每个)", (m, d) -> d.step(m.start(), "analyse"));

    rule(
        "(?:放到|保存到|存到|写到|放在|保存在|输出到)" + SPACE + PATH,
        (m, d) ->
            d.danglingFolders.add(new Draft.Found(m.start(), "", Map.of("folder", folder(m)))));

    // Schedules.
    rule(
        "每隔?" + SPACE + "(?<n>" + NUMBER + ")?" + SPACE + "(?:个)?(?<unit>分钟|小时|钟头)",
        (m, d) -> {
          int n = m.group("n") == null ? 1 : number(m.group("n"));
          d.everyMinutes = m.group("unit").equals("分钟") ? n : n * 60;
          d.scheduled = true;
        });
    rule(
        "每(?:个)?月" + SPACE + "(?<dom>" + NUMBER + ")" + SPACE + "(?:号|日)",
        (m, d) -> {
          int day = number(m.group("dom"));
          if (day < 1 || day > 31) {
            d.problems.add("每月" + day + "号 does not exist: use 1 to 31");
          }
          d.dayOfMonth = day;
          d.scheduled = true;
        });
    rule(
        "(?:每个?|在每个?)(?:工作日)|工作日(?:每天)?",
        (m, d) -> {
          d.weekdays.addAll(List.of(1, 2, 3, 4, 5));
          d.scheduled = true;
        });
    rule(
        "每个?(?:周末)",
        (m, d) -> {
          d.weekdays.addAll(List.of(0, 6));
          d.scheduled = true;
        });
    rule(
        "每(?:个)?(?:周|星期|礼拜)(?<days>[一二三四五六日天](?:(?:[、和及,，]?(?:周|星期|礼拜)?)[一二三四五六日天])*)",
        (m, d) -> {
          for (char c : m.group("days").toCharArray()) {
            Integer day = DAYS.get(String.valueOf(c));
            if (day != null) {
              d.weekdays.add(day);
            }
          }
          d.scheduled = true;
        });
    rule("每(?:天|日|晚|早)|天天", (m, d) -> d.scheduled = true);
    rule(
        "(?<part>上午|早上|早晨|中午|下午|晚上|傍晚|凌晨)?"
            + SPACE
            + "(?<h>"
            + NUMBER
            + ")"
            + SPACE
            + "(?:点|時|时)(?:"
            + SPACE
            + "(?<m>"
            + NUMBER
            + "|半|整)"
            + SPACE
            + "(?:分)?)?",
        ChineseGrammar::time);
    rule(
        "(?<part>上午|早上|早晨|中午|下午|晚上|傍晚|凌晨)?" + SPACE + "(?<h>\\d{1,2})[:：](?<m>\\d{2})",
        ChineseGrammar::time);
    rule("(?:北京|上海|中国)时间", (m, d) -> d.zone = "Asia/Shanghai");
    rule("(?<zone>UTC|GMT)(?:时间)?", (m, d) -> d.zone = "UTC");
  }

  @Override
  String language() {
    return "zh-CN";
  }

  @Override
  List<String> leftoverWords(String leftover) {
    List<String> words = new ArrayList<>();
    for (String raw : leftover.split("\\u0001+")) {
      String rest = FILLER.matcher(raw).replaceAll(" ").trim();
      for (String word : rest.split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  private static void filter(Matcher m, Draft d) {
    int n = number(m.group("n"));
    int seconds = m.group("unit").startsWith("分") ? n * 60 : n;
    String who = m.group("who");
    d.step(
        m.start(),
        "filter",
        "emotion",
        EMOTIONS.get(m.group("emo")),
        "minSeconds",
        seconds,
        "subject",
        who == null ? null : subject(who));
  }

  private static void time(Matcher m, Draft d) {
    int hour = number(m.group("h"));
    String minuteText = m.group("m");
    int minute =
        minuteText == null || minuteText.equals("整")
            ? 0
            : minuteText.equals("半") ? 30 : number(minuteText);
    String part = m.group("part") == null ? "" : m.group("part");
    if (hour > 23 || minute > 59) {
      d.problems.add(String.format("%d:%02d is not a time of day", hour, minute));
      return;
    }
    boolean afternoon = part.equals("下午") || part.equals("晚上") || part.equals("傍晚");
    if (afternoon && hour < 12) {
      hour += 12;
    } else if (part.equals("中午") && hour < 6) {
      hour += 12;
    } else if (part.equals("凌晨") && hour == 12) {
      hour = 0;
    }
    d.time(hour, minute);
  }

  /** Arabic digits or Chinese numerals up to 999 (十, 三十, 两, 一百二十). */
  static int number(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(text);
    }
    String digits = "零一二三四五六七八九";
    int total = 0;
    int current = 0;
    for (char c : text.toCharArray()) {
      if (c == '两') {
        current = 2;
      } else if (digits.indexOf(c) >= 0) {
        current = digits.indexOf(c);
      } else if (c == '十') {
        total += (current == 0 ? 1 : current) * 10;
        current = 0;
      } else if (c == '百') {
        total += (current == 0 ? 1 : current) * 100;
        current = 0;
      }
    }
    return total + current;
  }

  private static String subject(String who) {
    return switch (who) {
      case "客户", "顾客", "用户" -> "customer";
      case "来电者" -> "caller";
      case "病人", "患者" -> "patient";
      case "坐席", "客服" -> "agent";
      default -> "speaker";
    };
  }

  private static String approver(String who) {
    return switch (who) {
      case "主管", "组长" -> "supervisor";
      case "经理" -> "manager";
      case "审核员" -> "reviewer";
      case "我" -> "me";
      default -> "person";
    };
  }

  private static String notifyTarget(String to) {
    return switch (to) {
      case "我" -> "me";
      case "我们", "大家" -> "us";
      case "团队" -> "the team";
      case "主管" -> "the supervisor";
      default -> "the manager";
    };
  }

  private static String exportName(String format) {
    String lower = format.toLowerCase(Locale.ROOT);
    return lower.equals("elan") ? "eaf" : lower;
  }

  private static String reportName(String format) {
    if (format == null) {
      return "pdf";
    }
    return format.equals("网页") ? "html" : format.toLowerCase(Locale.ROOT);
  }
}
