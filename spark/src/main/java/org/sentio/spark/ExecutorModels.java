package org.sentio.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.spark.SparkFiles;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * The models of one executor JVM: unpacked (or found installed) and checked against the driver's
 * checksums once per JVM and job, then lent out as {@link Analyzers}, one per concurrently running
 * task (an {@link Analyzers} keeps per-session state in the fusion model, so tasks do not share
 * one). A failed check is remembered: every file of the job on this JVM fails with its reason.
 */
final class ExecutorModels {
  private static final Map<String, ExecutorModels> BY_JOB_MODELS = new ConcurrentHashMap<>();

  private final ModelRegistry registry;
  private final OnnxHost host;
  private final ModelException failure;
  private final ConcurrentLinkedDeque<Analyzers> idle = new ConcurrentLinkedDeque<>();

  private ExecutorModels(ModelRegistry registry, OnnxHost host, ModelException failure) {
    this.registry = registry;
    this.host = host;
    this.failure = failure;
  }

  /** This JVM's models for the job described by {@code context}, prepared on first use. */
  static ExecutorModels of(JobContext context) {
    return BY_JOB_MODELS.computeIfAbsent(context.modelsKey(), key -> prepare(context));
  }

  private static ExecutorModels prepare(JobContext context) {
    String where = "models on executor host " + hostName();
    ModelRegistry registry = null;
    try {
      Path directory =
          context.executorModels() != null
              ? Path.of(context.executorModels())
              : unpack(Path.of(SparkFiles.get(context.shippedModels())));
      registry = new ModelRegistry(directory, "ship the same models with the job");
      context.models().requireSame(registry, where);
    } catch (ModelException e) {
      return new ExecutorModels(registry, null, e);
    } catch (IOException | RuntimeException e) {
      return new ExecutorModels(
          registry, null, new ModelException(where + ": cannot unpack the models (" + e + ")", e));
    }
    OnnxHost host = OnnxHost.start(context.settings().devicePreference(), context.onnxThreads());
    ExecutorModels models = new ExecutorModels(registry, host, null);
    Runtime.getRuntime().addShutdownHook(new Thread(models::closeIdle, "sentio-models-close"));
    return models;
  }

  /**
   * Lends a set of analyzers, loading one when all are in use.
   *
   * @throws ModelException when this executor's models failed their check or cannot be opened
   */
  Analyzers borrow() throws ModelException {
    if (failure != null) {
      throw failure;
    }
    Analyzers analyzers = idle.pollFirst();
    return analyzers != null ? analyzers : Analyzers.load(registry, host);
  }

  /** Takes back analyzers lent by {@link #borrow}. */
  void giveBack(Analyzers analyzers) {
    idle.addFirst(analyzers);
  }

  private void closeIdle() {
    for (Analyzers analyzers = idle.pollFirst(); analyzers != null; analyzers = idle.pollFirst()) {
      try {
        analyzers.close();
      } catch (ModelException e) {
        // The JVM is exiting; ONNX Runtime frees what is left with the process.
      }
    }
  }

  /** Unpacks the shipped models zip beside itself, once per JVM. */
  private static Path unpack(Path shipped) throws IOException {
    // An executor's SparkFiles root is "." : without normalising, "a/./b" would not start "a/b".
    Path zip = shipped.toAbsolutePath().normalize();
    Path directory = zip.resolveSibling(zip.getFileName() + ".d");
    if (Files.isDirectory(directory)) {
      return directory;
    }
    Path partial = Files.createTempDirectory(zip.getParent(), "unpacking-");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = partial.resolve(entry.getName()).normalize();
        if (!target.startsWith(partial)) {
          throw new IOException(entry.getName() + ": entry outside the models folder");
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
      }
    }
    Files.move(partial, directory);
    return directory;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
