package org.sentio.automation.skills;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.automation.engine.Folders;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.SkillException;
import org.sentio.automation.engine.TransientSkillException;
import org.sentio.automation.workflow.Step;
import org.sentio.reports.Format;
import org.sentio.reports.ReportOptions;
import org.sentio.reports.Reports;

/** Writes sessions as report or export files, each recorded before it is written. */
final class SessionFiles {
  private SessionFiles() {}

  static List<Path> write(Step step, List<Item> input, SkillContext context, Set<Format> allowed)
      throws Exception {
    Set<Format> formats;
    try {
      formats = Format.parseList(String.valueOf(step.text("format")), EnumSet.copyOf(allowed));
    } catch (IllegalArgumentException e) {
      throw new SkillException("format: " + e.getMessage(), e);
    }
    Path folder;
    try {
      folder = Folders.expand(String.valueOf(step.text("folder")));
    } catch (IllegalArgumentException e) {
      throw new SkillException(e.getMessage(), e);
    }
    List<Path> written = new ArrayList<>();
    for (Item item : input) {
      if (item.sessionId() == null) {
        continue;
      }
      SessionResult result =
          context
              .services()
              .sessions()
              .load(item.sessionId())
              .orElseThrow(
                  () -> new SkillException("session " + item.sessionId() + " is no longer stored"));
      for (Format format : formats) {
        context.recordFile(
            folder.resolve(
                Reports.fileName(
                    item.sessionId(), result, format, ReportOptions.DEFAULT.language())));
      }
      try {
        written.addAll(Reports.write(item.sessionId(), result, formats, folder));
      } catch (IOException e) {
        throw new TransientSkillException(folder + ": cannot write (" + e.getMessage() + ")", e);
      }
    }
    return written;
  }
}
