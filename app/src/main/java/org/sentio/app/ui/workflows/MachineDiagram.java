package org.sentio.app.ui.workflows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import org.sentio.app.ui.I18n;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Workflow;

/**
 * A workflow's state machine drawn as boxes and arrows: the trigger, each state in a column after
 * the states it follows, and the end. Every box is a {@code .machine-state} label.
 */
final class MachineDiagram extends Pane {
  private static final double COLUMN = 190;
  private static final double BOX_WIDTH = 150;
  private static final double ROW = 78;
  private static final double BOX_HEIGHT = 56;

  private final I18n i18n;

  MachineDiagram(I18n i18n) {
    this.i18n = i18n;
    setId("workflow-diagram");
    getStyleClass().add("machine-diagram");
  }

  /** Draws {@code workflow}, or nothing for null. */
  void show(Workflow workflow) {
    getChildren().clear();
    if (workflow == null || workflow.steps().isEmpty()) {
      return;
    }
    Map<String, Integer> column = columns(workflow);
    Map<Integer, Integer> rowsUsed = new HashMap<>();
    Map<String, double[]> at = new LinkedHashMap<>();
    Label start = box(i18n.get("workflows.diagram.start", trigger(workflow)), "machine-trigger");
    place(start, 0, 0);
    at.put("[start]", new double[] {0, 0});
    int last = 0;
    for (Step step : workflow.steps()) {
      Integer c = column.get(step.id());
      if (c == null) {
        continue; // unreachable: the checks name it
      }
      int row = rowsUsed.merge(c, 1, Integer::sum) - 1;
      Label state = box(step.id() + "\n" + step.skill() + params(step), "machine-state");
      place(state, c, row);
      at.put(step.id(), new double[] {c, row});
      last = Math.max(last, c);
    }
    Label end = box(i18n.get("workflows.diagram.end"), "machine-end");
    place(end, last + 1, 0);
    at.put("[end]", new double[] {last + 1, 0});
    List<String[]> edges = new ArrayList<>();
    edges.add(new String[] {"[start]", workflow.steps().get(0).id()});
    for (Step step : workflow.steps()) {
      if (!at.containsKey(step.id())) {
        continue;
      }
      if (step.next().isEmpty()) {
        edges.add(new String[] {step.id(), "[end]"});
      }
      for (String next : step.next()) {
        if (at.containsKey(next)) {
          edges.add(new String[] {step.id(), next});
        }
      }
    }
    for (String[] edge : edges) {
      arrow(at.get(edge[0]), at.get(edge[1]));
    }
    setPrefSize(
        (last + 2) * COLUMN, rowsUsed.values().stream().max(Integer::compare).orElse(1) * ROW);
  }

  private String trigger(Workflow workflow) {
    return switch (workflow.trigger().type()) {
      case SCHEDULE ->
          "cron "
              + workflow.trigger().cron()
              + (workflow.trigger().zone() == null ? "" : "\n" + workflow.trigger().zone());
      case WATCH -> i18n.get("workflows.diagram.watch", workflow.trigger().folder());
      case MANUAL -> i18n.get("workflows.diagram.manual");
    };
  }

  private static String params(Step step) {
    if (step.params().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    step.params()
        .forEach(
            (key, value) -> {
              if (text.length() < 60) {
                text.append(text.length() == 0 ? "\n" : ", ").append(key).append('=').append(value);
              }
            });
    return text.toString();
  }

  /** Each reachable step's column: one more than the furthest step before it. */
  private static Map<String, Integer> columns(Workflow workflow) {
    Map<String, Integer> column = new HashMap<>();
    List<String> todo = new ArrayList<>(List.of(workflow.steps().get(0).id()));
    column.put(workflow.steps().get(0).id(), 1);
    int guard = 0;
    while (!todo.isEmpty() && guard++ < 10_000) {
      String id = todo.remove(0);
      int c = column.get(id);
      workflow
          .step(id)
          .ifPresent(
              s -> {
                for (String next : s.next()) {
                  if (column.getOrDefault(next, 0) < c + 1 && c + 1 <= Workflow.MAX_STEPS + 1) {
                    column.put(next, c + 1);
                    todo.add(next);
                  }
                }
              });
    }
    return column;
  }

  private static Label box(String text, String style) {
    Label label = new Label(text);
    label.getStyleClass().addAll("machine-box", style);
    label.setWrapText(true);
    label.setMinSize(BOX_WIDTH, BOX_HEIGHT);
    label.setPrefSize(BOX_WIDTH, BOX_HEIGHT);
    label.setMaxSize(BOX_WIDTH, BOX_HEIGHT);
    return label;
  }

  private void place(Label label, int column, int row) {
    label.relocate(column * COLUMN, row * ROW);
    getChildren().add(label);
  }

  private void arrow(double[] from, double[] to) {
    double x1 = from[0] * COLUMN + BOX_WIDTH;
    double y1 = from[1] * ROW + BOX_HEIGHT / 2;
    double x2 = to[0] * COLUMN;
    double y2 = to[1] * ROW + BOX_HEIGHT / 2;
    Line line = new Line(x1, y1, x2 - 6, y2);
    line.getStyleClass().add("machine-arrow");
    double angle = Math.atan2(y2 - y1, x2 - x1);
    Polygon head =
        new Polygon(
            x2,
            y2,
            x2 - 9 * Math.cos(angle - 0.4),
            y2 - 9 * Math.sin(angle - 0.4),
            x2 - 9 * Math.cos(angle + 0.4),
            y2 - 9 * Math.sin(angle + 0.4));
    head.getStyleClass().add("machine-arrow-head");
    getChildren().add(0, new Group(line, head));
  }
}
