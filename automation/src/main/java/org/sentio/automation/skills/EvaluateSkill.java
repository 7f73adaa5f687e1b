package org.sentio.automation.skills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sentio.automation.engine.Folders;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.SkillException;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.workflow.Step;

/**
 * Compares each session's leading emotion with a label file: CSV lines {@code file-name,emotion} (a
 * header line is allowed). The agreement goes to the run's history.
 */
public final class EvaluateSkill implements Skill {
  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
    Path labels;
    Map<String, String> expected = new HashMap<>();
    try {
      labels = Folders.expand(String.valueOf(step.text("labels")));
      for (String line : Files.readAllLines(labels)) {
        String[] cells = line.split(",");
        if (cells.length >= 2) {
          expected.put(cells[0].strip(), cells[1].strip().toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new SkillException(
          step.text("labels") + ": cannot read the labels (" + e.getMessage() + ")", e);
    }
    int compared = 0;
    int agreed = 0;
    for (Item item : input) {
      String label = expected.get(Path.of(item.file()).getFileName().toString());
      if (label == null) {
        continue;
      }
      compared++;
      String leading =
          item.emotionSeconds().entrySet().stream()
              .filter(e -> !e.getKey().equals("distressed"))
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse("");
      if (leading.equals(label)) {
        agreed++;
      }
    }
    return StepOutcome.done(
        input,
        "evaluated "
            + compared
            + " labelled session(s) against "
            + labels
            + ": "
            + agreed
            + " agree with the label");
  }
}
