package org.sentio.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on loopback: a Master and Workers, each in its own JVM started with
 * Spark's main classes, as {@code sbin/start-master.sh} and {@code start-worker.sh} do. The Spark
 * installation is made from this JVM's class path: its jars are linked into {@code
 * SPARK_HOME/jars}, where Workers find the executor class path; class folders (the modules under
 * test) go on {@code spark.executor.extraClassPath}.
 */
final class StandaloneCluster implements AutoCloseable {
  /**
   * How long the Master and the Workers may take to start. It bounds a wait for their log lines,
   * not the wait itself: generous for a machine loaded by other builds (CI's two cores, JVMs
   * starting side by side), no slower on a quiet one.
   */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  /**
   * Spark's liveness limits, raised for a loaded machine: the Master drops a Worker silent for
   * {@code spark.worker.timeout} (60 s), and the driver an executor whose heartbeats stay away for
   * {@code spark.network.timeout} (120 s); either loses the task in flight and runs it again. A
   * loaded machine delays heartbeats without anything being wrong, and a quiet one never waits for
   * these limits.
   */
  static final Map<String, String> LOADED_MACHINE_LIMITS =
      Map.of(
          "spark.worker.timeout", "900",
          "spark.network.timeout", "900s",
          "spark.executor.heartbeatInterval", "30s");

  /** The daemons log at INFO: their start is recognised by their log lines. */
  private static final String LOG_CONFIG = "log4j2-daemons.properties";

  private final Path home;
  private final String classPath;
  private final List<String> classFolders;
  private final int port;
  private final List<Process> processes = new ArrayList<>();

  private StandaloneCluster(Path home, String classPath, List<String> classFolders, int port) {
    this.home = home;
    this.classPath = classPath;
    this.classFolders = classFolders;
    this.port = port;
  }

  /**
   * Starts a Master and {@code workers} Workers of {@code coresPerWorker} cores and {@code
   * workerMemory} (e.g. {@code 1g}) each, and waits until every Worker has registered.
   */
  static StandaloneCluster start(Path dir, int workers, int coresPerWorker, String workerMemory)
      throws IOException, InterruptedException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Set<String> entries = new LinkedHashSet<>(List.of(classPath.split(File.pathSeparator)));
    // The in-process HDFS of HdfsArchiveJobTest and the S3 client of S3ArchiveJobTest are no part
    // of a Spark installation.
    entries.removeIf(
        entry ->
            entry.contains("hadoop-client-minicluster")
                || entry.contains("hadoop-aws")
                || entry.contains("aws-java-sdk-bundle"));
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<String> folders = new ArrayList<>();
    for (String entry : entries) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) {
        folders.add(path.toAbsolutePath().toString());
      } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
        Path link = jars.resolve(path.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, path.toAbsolutePath());
        }
      }
    }
    Files.writeString(
        home.resolve(LOG_CONFIG),
        String.join(
            "\n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.out.ref = out",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n",
            ""));
    StandaloneCluster cluster =
        new StandaloneCluster(home, String.join(File.pathSeparator, entries), folders, freePort());
    try {
      Path masterLog = dir.resolve("master.log");
      cluster.launch(
          masterLog,
          "org.apache.spark.deploy.master.Master",
          "--host",
          "127.0.0.1",
          "--port",
          String.valueOf(cluster.port),
          "--webui-port",
          String.valueOf(freePort()));
      awaitLine(masterLog, "I have been elected leader", 1);
      for (int i = 0; i < workers; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        cluster.launch(
            dir.resolve("worker-" + i + ".log"),
            "org.apache.spark.deploy.worker.Worker",
            cluster.masterUrl(),
            "--host",
            "127.0.0.1",
            "--cores",
            String.valueOf(coresPerWorker),
            "--memory",
            workerMemory,
            "--webui-port",
            String.valueOf(freePort()),
            "--work-dir",
            work.toString());
      }
      awaitLine(masterLog, "Registering worker", workers);
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** The class folders of this build, for {@code spark.executor.extraClassPath}. */
  String executorClassPath() {
    return String.join(File.pathSeparator, classFolders);
  }

  private void launch(Path log, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(List.of(System.getProperty("spark.java.options", "").split(" ")));
    command.removeIf(String::isBlank);
    command.add("-Dlog4j2.configurationFile=" + home.resolve(LOG_CONFIG));
    LOADED_MACHINE_LIMITS.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.12");
    processes.add(builder.start());
  }

  private static void awaitLine(Path log, String text, int times)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        long seen = Files.readAllLines(log).stream().filter(line -> line.contains(text)).count();
        if (seen >= times) {
          return;
        }
      }
      Thread.sleep(250);
    }
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    throw new IllegalStateException(
        log
            + ": no '"
            + text
            + "' within "
            + START_TIMEOUT.toSeconds()
            + " s; last lines:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the Workers, then the Master, waiting for each JVM to end. */
  @Override
  public void close() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
