package org.sentio.automation.skills;

import java.util.List;
import java.util.Locale;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.SkillException;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.workflow.Step;

/** Keeps the sessions where an emotion led for more than a number of seconds. */
public final class FilterSkill implements Skill {
  private static final List<String> EMOTIONS =
      List.of(
          "neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised", "distressed");

  @Override
  public String name() {
    return "filter";
  }

  @Override
  public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
    String emotion = String.valueOf(step.text("emotion")).toLowerCase(Locale.ROOT);
    if (!EMOTIONS.contains(emotion)) {
      throw new SkillException(
          "emotion \"" + emotion + "\" is not one of " + String.join(", ", EMOTIONS));
    }
    double minSeconds = step.number("minSeconds", 0);
    List<Item> kept = input.stream().filter(i -> i.seconds(emotion) > minSeconds).toList();
    return StepOutcome.done(
        kept,
        "kept "
            + kept.size()
            + " of "
            + input.size()
            + " session(s) "
            + emotion
            + " for more than "
            + (long) minSeconds
            + " s");
  }
}
