package org.sentio.automation.skills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.automation.engine.Folders;
import org.sentio.automation.engine.Item;
import org.sentio.automation.engine.Records.Artifact;
import org.sentio.automation.engine.Records.ArtifactKind;
import org.sentio.automation.engine.Skill;
import org.sentio.automation.engine.SkillContext;
import org.sentio.automation.engine.SkillException;
import org.sentio.automation.engine.StepOutcome;
import org.sentio.automation.workflow.Step;

/**
 * Analyses the recordings of a folder that this workflow has not taken in yet, with the real
 * analysis pipeline, and stores each as a session. Per file it records first that the file is
 * taken, then the stored session, so a run interrupted half-way reuses the sessions it stored and
 * analyses only the rest.
 */
public final class AnalyseSkill implements Skill {
  @Override
  public String name() {
    return "analyse";
  }

  @Override
  public StepOutcome run(Step step, List<Item> input, SkillContext context) throws Exception {
    String folderText =
        step.text("folder") != null ? step.text("folder") : context.workflow().trigger().folder();
    if (folderText == null) {
      throw new SkillException("no folder to analyse: give the step a folder or watch one");
    }
    Path folder;
    try {
      folder = Folders.readable(folderText);
    } catch (IllegalArgumentException e) {
      throw new SkillException(e.getMessage(), e);
    }
    Map<String, Long> stored = new HashMap<>();
    Set<String> takenByThisStep = new HashSet<>();
    for (Artifact artifact : context.earlierOutputs()) {
      if (artifact.kind() == ArtifactKind.SESSION) {
        stored.put(artifact.ref(), artifact.sessionId());
      } else if (artifact.kind() == ArtifactKind.SEEN) {
        takenByThisStep.add(artifact.ref());
      }
    }
    Set<String> seenElsewhere = new HashSet<>(context.seenFiles());
    seenElsewhere.removeAll(takenByThisStep);
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .filter(f -> Files.isRegularFile(f) && Folders.isMedia(f))
              .filter(f -> !seenElsewhere.contains(f.toString()))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new SkillException(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
    }
    List<Path> settled = new ArrayList<>();
    for (Path file : files) {
      if (stored.containsKey(file.toString()) || Folders.settled(file, context.now())) {
        settled.add(file);
      } else {
        context.log(file + " is still being written; left for the next run");
      }
    }
    files = settled;
    List<Item> items = new ArrayList<>();
    int reused = 0;
    int skipped = 0;
    AnalysisPipeline pipeline = null;
    for (Path file : files) {
      String key = file.toString();
      Long sessionId = stored.get(key);
      if (sessionId != null) {
        SessionResult result = context.services().sessions().load(sessionId).orElse(null);
        if (result != null) {
          items.add(new Item(key, sessionId, result.title(), Emotions.seconds(result)));
          reused++;
          continue;
        }
      }
      if (!takenByThisStep.contains(key)) {
        context.recordSeen(key);
      }
      if (pipeline == null) {
        pipeline = new AnalysisPipeline(context.services().analyzers());
      }
      String title = file.getFileName().toString();
      SessionResult result;
      try {
        result =
            pipeline.analyse(
                new AnalysisRequest(file, null, null, title, context.services().analysisOptions()),
                (done, total, stage) -> {},
                () -> Thread.currentThread().isInterrupted());
      } catch (AnalysisException e) {
        if (e.isBadInput()) {
          context.log("skipped " + file + ": " + e.getMessage());
          skipped++;
          continue;
        }
        throw new SkillException(file + ": analysis failed (" + e.getMessage() + ")", e);
      }
      long id = context.services().sessions().save(result);
      context.recordSession(key, id);
      context.log("analysed " + file + " as session " + id);
      items.add(new Item(key, id, title, Emotions.seconds(result)));
    }
    String summary =
        "analysed "
            + (items.size() - reused)
            + " new recording(s) in "
            + folderText
            + (reused > 0 ? ", reused " + reused + " stored before an interruption" : "")
            + (skipped > 0 ? ", skipped " + skipped + " unreadable" : "");
    return StepOutcome.done(items, summary);
  }
}
