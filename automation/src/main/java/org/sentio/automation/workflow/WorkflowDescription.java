package org.sentio.automation.workflow;

import java.util.List;
import java.util.Locale;

/** A machine shown to a person before it is saved: in words, and as a Mermaid state diagram. */
public final class WorkflowDescription {
  private WorkflowDescription() {}

  /**
   * The machine in words.
   *
   * @param schedule the schedule in words (from the cron library), or {@code null}
   */
  public static String inWords(Workflow workflow, String schedule) {
    if ("zh-CN".equals(workflow.language())) {
      return inChinese(workflow);
    }
    StringBuilder out = new StringBuilder();
    out.append("Workflow ").append(workflow.name()).append(" (").append(workflow.language());
    out.append(")\n  Starts: ").append(start(workflow.trigger(), schedule)).append('\n');
    out.append("  States:\n");
    List<Step> steps = workflow.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      out.append(String.format(Locale.ROOT, "    %d. %s: %s", i + 1, step.id(), action(step)));
      out.append(step.next().isEmpty() ? " → end" : " → " + String.join(", ", step.next()));
      if (step.skill().equals("review")) {
        out.append(" (waits for approve, edit or reject; reject ends the run)");
      }
      out.append('\n');
      ErrorPolicy onError = step.onError();
      if (!onError.equals(ErrorPolicy.DEFAULT)) {
        out.append("       on failure: ").append(failure(onError)).append('\n');
      }
    }
    out.append("  On failure (unless said above): ")
        .append(failure(ErrorPolicy.DEFAULT))
        .append('\n');
    return out.toString();
  }

  /** The machine in Chinese words, for a workflow written in Chinese. */
  static String inChinese(Workflow workflow) {
    StringBuilder out = new StringBuilder();
    out.append("工作流 ").append(workflow.name()).append("（zh-CN）\n  启动：");
    Trigger trigger = workflow.trigger();
    out.append(
        switch (trigger.type()) {
          case SCHEDULE ->
              "按计划 cron \""
                  + trigger.cron()
                  + "\"（分 时 日 月 星期），"
                  + (trigger.zone() == null ? "本机时区" : "时区 " + trigger.zone());
          case WATCH -> trigger.folder() + " 里出现新录音时";
          case MANUAL -> "手动运行时（sentio workflows run 名称）";
        });
    out.append("\n  状态：\n");
    List<Step> steps = workflow.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      out.append(String.format(Locale.ROOT, "    %d. %s：%s", i + 1, step.id(), actionZh(step)));
      out.append(step.next().isEmpty() ? " → 结束" : " → " + String.join("、", step.next()));
      if (step.skill().equals("review")) {
        out.append("（等待批准、修改或拒绝；拒绝则结束本次运行）");
      }
      out.append('\n');
    }
    ErrorPolicy policy = ErrorPolicy.DEFAULT;
    out.append("  出错时：重试最多 ")
        .append(policy.retries())
        .append(" 次（先等 ")
        .append(trim(policy.backoffSeconds()))
        .append(" 秒，之后每次加倍），仍失败则撤销本次运行的输出（写入的文件、保存的会话）\n");
    return out.toString();
  }

  private static String actionZh(Step step) {
    String folder = step.text("folder");
    return switch (step.skill()) {
      case "analyse" -> "分析 " + (folder == null ? "所监控文件夹" : folder) + " 里的新录音，每个存为一个会话";
      case "filter" ->
          "只保留"
              + (step.text("subject") == null ? "" : "（" + step.text("subject") + "）")
              + " "
              + step.text("emotion")
              + " 超过 "
              + (long) step.number("minSeconds", 0)
              + " 秒的会话（按融合结果中最强情绪的窗口计）";
      case "report" ->
          "把每个会话写成 " + step.text("format").toUpperCase(Locale.ROOT) + " 报告，放到 " + folder;
      case "export" -> "把每个会话导出为 " + step.text("format") + "，放到 " + folder;
      case "evaluate" -> "用 " + step.text("labels") + " 里的标签评估每个会话的主要情绪";
      case "notify" -> "在桌面和历史记录里通知 " + (step.text("to") == null ? "me" : step.text("to"));
      case "copy" -> "把会话的录音复制到 " + folder;
      case "review" ->
          "请 " + (step.text("approver") == null ? "person" : step.text("approver")) + " 审批";
      default -> "运行插件技能 " + step.skill() + "，参数 " + step.params();
    };
  }

  /** The machine as a Mermaid {@code stateDiagram-v2}, which also reads well as plain text. */
  public static String mermaid(Workflow workflow) {
    StringBuilder out = new StringBuilder("stateDiagram-v2\n");
    Trigger trigger = workflow.trigger();
    String label =
        switch (trigger.type()) {
          case SCHEDULE ->
              "cron " + trigger.cron() + (trigger.zone() == null ? "" : " " + trigger.zone());
          case WATCH -> "new files in " + trigger.folder();
          case MANUAL -> "run by hand";
        };
    if (!workflow.steps().isEmpty()) {
      out.append("  [*] --> ").append(state(workflow.steps().get(0))).append(": ").append(label);
      out.append('\n');
    }
    for (Step step : workflow.steps()) {
      if (step.next().isEmpty()) {
        out.append("  ").append(state(step)).append(" --> [*]\n");
      }
      for (String next : step.next()) {
        out.append("  ").append(state(step)).append(" --> ").append(safe(next)).append('\n');
      }
      if (step.skill().equals("review")) {
        out.append("  ").append(state(step)).append(" --> [*]: rejected\n");
      }
    }
    out.append("  note right of ")
        .append(workflow.steps().isEmpty() ? "[*]" : state(workflow.steps().get(0)))
        .append(": a failing step retries, then rolls the run back\n");
    return out.toString();
  }

  private static String state(Step step) {
    return safe(step.id());
  }

  private static String safe(String id) {
    return id.replace('-', '_');
  }

  private static String start(Trigger trigger, String schedule) {
    return switch (trigger.type()) {
      case SCHEDULE ->
          "on schedule \""
              + trigger.cron()
              + "\""
              + (schedule == null ? "" : " (" + schedule + ")")
              + (trigger.zone() == null ? ", in this machine's time zone" : "");
      case WATCH -> "when new files appear in " + trigger.folder();
      case MANUAL -> "when you run it (sentio workflows run NAME)";
    };
  }

  private static String action(Step step) {
    String folder = step.text("folder");
    return switch (step.skill()) {
      case "analyse" ->
          "analyse the new recordings in "
              + (folder == null ? "the watched folder" : folder)
              + " and store each as a session";
      case "filter" ->
          "keep the sessions where "
              + (step.text("subject") == null ? "" : "the " + step.text("subject") + " was ")
              + step.text("emotion")
              + " for more than "
              + (long) step.number("minSeconds", 0)
              + " s (windows whose strongest fused emotion it is)";
      case "report" ->
          "write a "
              + step.text("format").toUpperCase(Locale.ROOT)
              + " report of each session into "
              + folder;
      case "export" -> "export each session as " + step.text("format") + " into " + folder;
      case "evaluate" ->
          "compare each session's dominant emotion with the labels in " + step.text("labels");
      case "notify" ->
          "notify "
              + (step.text("to") == null ? "me" : step.text("to"))
              + " on the desktop and in the history";
      case "copy" -> "copy the sessions' recordings into " + folder;
      case "review" ->
          "ask "
              + (step.text("approver") == null ? "a person" : step.text("approver"))
              + " to approve";
      default -> "run plug-in skill " + step.skill() + " with " + step.params();
    };
  }

  private static String failure(ErrorPolicy policy) {
    if (policy.retries() == 0) {
      return ErrorPolicy.ROLLBACK.equals(policy.then())
          ? "no retry; roll back the run's outputs"
          : "no retry; stop and keep the outputs";
    }
    return "retry up to "
        + policy.retries()
        + " times ("
        + trim(policy.backoffSeconds())
        + " s, then doubling), then "
        + (ErrorPolicy.ROLLBACK.equals(policy.then())
            ? "roll back the run's outputs (files written, sessions stored)"
            : "stop and keep the outputs");
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
