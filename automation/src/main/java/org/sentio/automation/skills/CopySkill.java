package org.sentio.automation.skills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.sentio.automation.engine.Folders;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.SkillException;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.engine.TransientSkillException;
import org.sentio.automation.workflow.Step;

/**
 * Copies the sessions' recordings into a folder. A file of the same name that is not an earlier
 * copy by this run is never overwritten: the copy gets a numbered name instead.
 */
public final class CopySkill implements Skill {
  @Override
  public String name() {
    return "copy";
  }

  @Override
  public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
    Path folder;
    try {
      folder = Folders.expand(String.valueOf(step.text("folder")));
    } catch (IllegalArgumentException e) {
      throw new SkillException(e.getMessage(), e);
    }
    List<String> mine = context.earlierOutputs().stream().map(a -> a.ref()).toList();
    int copied = 0;
    try {
      Files.createDirectories(folder);
      for (Item item : input) {
        Path source = Path.of(item.file());
        Path target = folder.resolve(source.getFileName());
        for (int n = 2; Files.exists(target) && !mine.contains(target.toString()); n++) {
          target = folder.resolve(numbered(source.getFileName().toString(), n));
        }
        if (!mine.contains(target.toString())) {
          context.recordFile(target);
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        copied++;
      }
    } catch (IOException e) {
      throw new TransientSkillException(folder + ": cannot copy (" + e + ")", e);
    }
    return StepOutcome.done(input, "copied " + copied + " recording(s) to " + folder);
  }

  private static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
  }
}
