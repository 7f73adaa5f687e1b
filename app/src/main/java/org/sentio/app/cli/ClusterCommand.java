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
 * runs the user's {@code spark-submit} with the job jar in a child process, so that Spark never
 * joins the app's class path; the job's exit code is the command's.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Analyse an archive on Apache Spark (see docs/spark-job.md).",
    subcommands = ClusterCommand.Run.class)
public final class ClusterCommand implements Callable<Integer> {
  static final String JOB_CLASS = "org.sentio.spark.ArchiveJob";

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
        "Writes Parquet tables, one session JSON per file and DIR/summary.json; sentio import DIR"
            + " brings sessions into the store."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:the job ran", "1:internal error", "2:bad input (the message names it)"})
  static final class Run implements Callable<Integer> {
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

    @Option(names = "--fps", paramLabel = "N", description = "As sentio analyze (default 5).")
    String fps;

    @Option(names = "--window", paramLabel = "S", description = "As sentio analyze (default 1.0).")
    String window;

    @Override
    public Integer call() throws Exception {
      List<String> command = command(sparkSubmit(), jar(), SentioHome.locate());
      Process process = new ProcessBuilder(command).inheritIO().start();
      return process.waitFor();
    }

    List<String> command(String sparkSubmit, Path jar, Path home) {
      List<String> command = new ArrayList<>();
      command.add(sparkSubmit);
      command.addAll(List.of("--master", master, "--class", JOB_CLASS));
      for (String setting : conf) {
        command.addAll(List.of("--conf", setting));
      }
      command.addAll(List.of("--driver-java-options", "-Dsentio.home=" + home));
      command.add(jar.toString());
      command.addAll(List.of("--out", out));
      command.addAll(List.of("--models", home.resolve("resources").resolve("models").toString()));
      if (fps != null) {
        command.addAll(List.of("--fps", fps));
      }
      if (window != null) {
        command.addAll(List.of("--window", window));
      }
      command.addAll(inputs);
      return command;
    }

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
      throw new UserError(
          "spark-submit not found: install Apache Spark 3.5 (Scala 2.12) and set SPARK_HOME,"
              + " or give --spark-home DIR");
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
