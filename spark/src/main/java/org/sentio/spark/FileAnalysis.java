package org.sentio.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.reports.SessionJson;
import org.sentio.runtime.ModelException;

/**
 * Analyses one file inside a task. The result goes to {@code OUT/results/KEY.json}, where KEY is
 * the sha256 of the media's and transcript's bytes and the job's {@link JobContext#settingsKey()}:
 * an existing result is skipped, and two attempts at the same file (a retry, a speculative copy)
 * write the same path, each through a temporary file renamed into place, so there is never more
 * than one result per key.
 */
final class FileAnalysis {
  static final String RESULTS = "results";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final JobContext context;
  private final Configuration hadoop;
  private final String host = ExecutorModels.hostName();

  FileAnalysis(JobContext context) {
    this.context = context;
    this.hadoop = context.hadoopConfiguration();
  }

  /** Analyses {@code entry}; every problem with the file ends as a failed outcome, not a throw. */
  FileOutcome analyse(ArchiveEntry entry) {
    long start = System.nanoTime();
    try (LocalCopies local = new LocalCopies(hadoop)) {
      String mediaDigest = digest(local, entry.path(), "file");
      String transcriptDigest =
          entry.transcript() == null ? "-" : digest(local, entry.transcript(), "transcript");
      String key =
          ModelSet.sha256(mediaDigest + "\n" + transcriptDigest + "\n" + context.settingsKey());
      Path result = resultPath(new Path(context.settings().out()), key);
      FileSystem outFs = result.getFileSystem(hadoop);
      if (outFs.exists(result)) {
        return new FileOutcome(
            entry.path(), FileOutcome.Status.SKIPPED, null, key, 0, seconds(start), host);
      }
      SessionResult session = run(entry, local);
      write(outFs, result, document(entry, key, session));
      return new FileOutcome(
          entry.path(),
          FileOutcome.Status.DONE,
          null,
          key,
          session.durationSeconds(),
          seconds(start),
          host);
    } catch (FileFailure e) {
      return FileOutcome.failed(entry.path(), e.getMessage(), host);
    } catch (IOException | RuntimeException e) {
      return FileOutcome.failed(entry.path(), "internal error: " + oneLine(e), host);
    }
  }

  static Path resultPath(Path out, String key) {
    return new Path(new Path(new Path(out, RESULTS), key.substring(0, 2)), key + ".json");
  }

  private String digest(LocalCopies local, String path, String what) throws FileFailure {
    Path source = new Path(path);
    try {
      FileSystem fs = source.getFileSystem(hadoop);
      if (!fs.getFileStatus(source).isFile()) {
        throw new FileFailure(path + ": the " + what + " is a folder, not a file");
      }
      MessageDigest digest = ModelSet.newDigest();
      try (InputStream in = new DigestInputStream(fs.open(source), digest);
          OutputStream copy = local.copyFor(source)) {
        in.transferTo(copy);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (FileNotFoundException e) {
      throw new FileFailure(path + ": " + what + " not found; check the path or the manifest");
    } catch (IOException e) {
      throw new FileFailure(path + ": cannot read the " + what + " (" + oneLine(e) + ")");
    }
  }

  private SessionResult run(ArchiveEntry entry, LocalCopies local) throws FileFailure, IOException {
    ExecutorModels models = ExecutorModels.of(context);
    Analyzers analyzers;
    try {
      analyzers = models.borrow();
    } catch (ModelException e) {
      throw new FileFailure(oneLine(e));
    }
    try {
      AnalysisRequest request =
          new AnalysisRequest(
              local.localPath(new Path(entry.path())),
              entry.transcript() == null ? null : local.localPath(new Path(entry.transcript())),
              null,
              entry.title(),
              context.settings().options());
      return new AnalysisPipeline(analyzers)
          .analyse(request, (done, total, stage) -> {}, () -> false);
    } catch (AnalysisException e) {
      throw new FileFailure(entry.path() + ": " + oneLine(e));
    } finally {
      models.giveBack(analyzers);
    }
  }

  private static ObjectNode document(ArchiveEntry entry, String key, SessionResult session) {
    ObjectNode root = SessionJson.toTree(0, session);
    if (root.get("media") instanceof ObjectNode media) {
      media.put("path", entry.path());
    }
    ObjectNode archive = root.putObject("archive");
    archive.put("contentKey", key);
    archive.put("source", entry.path());
    archive.put("transcript", entry.transcript());
    ArrayNode tags = archive.putArray("tags");
    entry.tags().forEach(tags::add);
    return root;
  }

  /** Writes {@code document} to a temporary file beside {@code target}, then renames it there. */
  private static void write(FileSystem fs, Path target, ObjectNode document) throws IOException {
    fs.mkdirs(target.getParent());
    Path partial = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID());
    try (OutputStream out = fs.create(partial, false)) {
      JSON.writeValue(out, document);
    }
    if (!fs.rename(partial, target)) {
      // Another attempt at the same file finished first; its result is the same.
      fs.delete(partial, false);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.toString();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A problem with one file: reported in the summary, the job goes on. */
  static final class FileFailure extends Exception {
    private static final long serialVersionUID = 1L;

    FileFailure(String message) {
      super(message);
    }
  }
}
