package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sentio.app.SentioHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentio cluster run}: a thin launcher for the Spark archive job (docs/spark-job.md). It
 * runs the user's {@code spark-submit} with the job jar in a child process or, where no Spark is
 * installed, the job's driver in a child JVM with Spark's libraries from the build (ADR 0051), so
 * that Spark never joins the app's class path; the job's exit code is the command's.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Analyse an archive on Apache Spark (see docs/spark-job.md).",
    subcommands = ClusterCommand.Run.class)
public final class ClusterCommand implements Callable<Integer> {
  static final String JOB_CLASS = "org.sentio.spark.ArchiveJob";

  /**
   * The driver JVM's class path and Spark's Java 17 options, written by the spark module's build (a
   * java @argfile; spark/pom.xml).
   */
  static final String LAUNCH_ARGS = "spark-launch.args";

  @Override
  public Integer call() throws UserError {
    throw new UserError("cluster: say run (see sentio cluster run --help)");
  }

  /** {@code sentio cluster run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run the archive job through spark-submit: on this machine (--master local[2]) or on a"
            + " cluster (--master spark://HOST:PORT, yarn, k8s://…).",
        "Without a Spark installation (no --spark-home, $SPARK_HOME or spark-submit on PATH), a"
            + " source build runs the job's driver itself with Spark's libraries from the build"
            + " (local[N] and spark:// masters).",
        "Writes Parquet tables, one session JSON per file and DIR/summary.json; sentio import DIR"
            + " brings sessions into the store."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:the job ran", "1:internal error", "2:bad input (the message names it)"})
  static final class Run implements Callable<Integer> {
    /** The Spark the job is built for (spark/pom.xml). */
    static final String SPARK_VERSION = "3.5.7";

    private static final String DEFAULT_DRIVER_MEMORY = "2g";
    private static final String LOOPBACK = "127.0.0.1";

    @Parameters(
        paramLabel = "INPUT",
        arity = "1..*",
        description = "Folders, globs, media files or manifest .csv files (any Hadoop path).")
    List<String> inputs = new ArrayList<>();

    @Option(
        names = "--master",
        required = true,
        paramLabel = "URL",
        description = "local[N], spark://HOST:PORT, yarn or k8s://…")
    String master;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    String out;

    @Option(
        names = "--spark-home",
        paramLabel = "DIR",
        description =
            "The Spark 3.5 installation (default: $SPARK_HOME, else spark-submit on PATH).")
    Path sparkHome;

    @Option(
        names = "--job-jar",
        paramLabel = "JAR",
        description =
            "The job jar (default: lib/sentio-spark-job.jar of the installation, or"
                + " spark/target/spark-*-job.jar of a source checkout).")
    Path jobJar;

    @Option(
        names = "--conf",
        paramLabel = "KEY=VALUE",
        description = "Spark settings passed on, e.g. spark.executor.memory=2g (repeatable).")
    List<String> conf = new ArrayList<>();

    @Option(
        names = "--driver-memory",
        paramLabel = "SIZE",
        description =
            "Heap of the driver JVM (default 2g; with local[N] the tasks run in it as well).")
    String driverMemory;

    @Option(names = "--fps", paramLabel = "N", description = "As sentio analyze (default 5).")
    String fps;

    @Option(names = "--window", paramLabel = "S", description = "As sentio analyze (default 1.0).")
    String window;

    @Override
    public Integer call() throws Exception {
      Path home = SentioHome.locate();
      String sparkSubmit = sparkSubmit();
      ProcessBuilder builder;
      if (sparkSubmit != null) {
        builder = new ProcessBuilder(command(sparkSubmit, jar(), home));
      } else {
        builder = new ProcessBuilder(driverCommand(launchArgs(home), home));
        if (isLocal() && System.getenv("SPARK_LOCAL_IP") == null) {
          builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        }
      }
      Process process = builder.inheritIO().start();
      return process.waitFor();
    }

    List<String> command(String sparkSubmit, Path jar, Path home) {
      List<String> command = new ArrayList<>();
      command.add(sparkSubmit);
      command.addAll(List.of("--master", master, "--class", JOB_CLASS));
      if (driverMemory != null) {
        command.addAll(List.of("--driver-memory", driverMemory));
      }
      for (String setting : conf) {
        command.addAll(List.of("--conf", setting));
      }
      command.addAll(List.of("--driver-java-options", "-Dsentio.home=" + home));
      command.add(jar.toString());
      command.addAll(jobArguments(home));
      return command;
    }

    /**
     * The job's driver in a plain JVM: Spark reads its settings from {@code spark.*} system
     * properties; with a cluster master the executors get the job jar through {@code spark.jars}.
     */
    List<String> driverCommand(Path launchArgs, Path home) throws UserError {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + (driverMemory == null ? DEFAULT_DRIVER_MEMORY : driverMemory));
      command.add("@" + launchArgs);
      command.add("-Dsentio.home=" + home);
      List<String> settings = new ArrayList<>();
      if (isLocal()) {
        settings.addAll(
            List.of(
                "spark.ui.enabled=false",
                "spark.driver.host=" + LOOPBACK,
                "spark.driver.bindAddress=" + LOOPBACK));
      } else {
        settings.add("spark.jars=" + jar());
      }
      settings.addAll(conf);
      for (String setting : settings) {
        int equals = setting.indexOf('=');
        if (equals <= 0 || !setting.startsWith("spark.")) {
          throw new UserError(
              "--conf " + setting + ": expected spark.KEY=VALUE, e.g. spark.executor.memory=2g");
        }
        command.add("-D" + setting);
      }
      command.add(JOB_CLASS);
      command.addAll(List.of("--master", master));
      command.addAll(jobArguments(home));
      return command;
    }

    private List<String> jobArguments(Path home) {
      List<String> arguments = new ArrayList<>();
      arguments.addAll(List.of("--out", out));
      arguments.addAll(List.of("--models", home.resolve("resources").resolve("models").toString()));
      if (fps != null) {
        arguments.addAll(List.of("--fps", fps));
      }
      if (window != null) {
        arguments.addAll(List.of("--window", window));
      }
      arguments.addAll(inputs);
      return arguments;
    }

    private boolean isLocal() {
      return master.equals("local") || master.startsWith("local[");
    }

    /** The build's argfile for a driver JVM; refuses masters that need spark-submit. */
    private Path launchArgs(Path home) throws UserError {
      if (!isLocal() && !master.startsWith("spark://")) {
        throw new UserError(
            "--master "
                + master
                + " needs spark-submit: install Apache Spark "
                + SPARK_VERSION
                + " (Scala 2.12) and set SPARK_HOME, or give --spark-home DIR");
      }
      Path args = home.resolve("spark").resolve("target").resolve(LAUNCH_ARGS);
      if (!Files.isRegularFile(args)) {
        throw new UserError(
            "no Spark found: install Apache Spark "
                + SPARK_VERSION
                + " (Scala 2.12) and set SPARK_HOME or give --spark-home DIR; in a source checkout"
                + " build Spark's libraries instead with mvn -B -pl spark -am package -DskipTests");
      }
      return args;
    }

    /** The installed spark-submit, or {@code null} when no Spark installation is found. */
    private String sparkSubmit() throws UserError {
      Path home = sparkHome;
      if (home == null && System.getenv("SPARK_HOME") != null) {
        home = Path.of(System.getenv("SPARK_HOME"));
      }
      if (home != null) {
        Path script =
            home.resolve("bin").resolve(isWindows() ? "spark-submit.cmd" : "spark-submit");
        if (!Files.isExecutable(script)) {
          throw new UserError(
              script + ": no spark-submit there; give --spark-home the folder of Apache Spark 3.5");
        }
        return script.toString();
      }
      String path = System.getenv().getOrDefault("PATH", "");
      for (String folder : path.split(java.io.File.pathSeparator)) {
        if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, "spark-submit"))) {
          return Path.of(folder, "spark-submit").toString();
        }
      }
      return null;
    }

    private Path jar() throws UserError {
      if (jobJar != null) {
        if (!Files.isRegularFile(jobJar)) {
          throw new UserError(jobJar + ": no such job jar");
        }
        return jobJar;
      }
      Path home = SentioHome.locate();
      Path installed = home.resolve("lib").resolve("sentio-spark-job.jar");
      if (Files.isRegularFile(installed)) {
        return installed;
      }
      Path target = home.resolve("spark").resolve("target");
      if (Files.isDirectory(target)) {
        try (Stream<Path> files = Files.list(target)) {
          var built =
              files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst();
          if (built.isPresent()) {
            return built.get();
          }
        } catch (IOException e) {
          throw new UserError(target + ": cannot look for the job jar (" + e.getMessage() + ")", e);
        }
      }
      throw new UserError(
          "the Spark job jar is missing: build it with mvn -B -pl spark -am package -DskipTests,"
              + " or give --job-jar JAR");
    }

    private static boolean isWindows() {
      return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }
  }
}
