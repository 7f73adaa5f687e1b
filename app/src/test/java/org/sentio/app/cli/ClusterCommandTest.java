package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.Sentio;

/** {@code sentio cluster run} hands the job to spark-submit in a child process. */
class ClusterCommandTest {
  @TempDir Path dir;

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void runsSparkSubmitWithTheJobAndReturnsItsExitCode() throws Exception {
    Path sparkHome = dir.resolve("spark");
    Path bin = Files.createDirectories(sparkHome.resolve("bin"));
    Path recorded = dir.resolve("args.txt");
    Path script =
        Files.writeString(
            bin.resolve("spark-submit"),
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + recorded + "'\nexit 2\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = Files.writeString(dir.resolve("job.jar"), "jar");

    int code =
        run(
            "cluster",
            "run",
            "--master",
            "local[2]",
            "--spark-home",
            sparkHome.toString(),
            "--job-jar",
            jar.toString(),
            "--conf",
            "spark.executor.memory=2g",
            "--out",
            "/data/out",
            "/data/calls",
            "/data/notes.csv");

    assertThat(code).isEqualTo(2);
    List<String> args = Files.readAllLines(recorded);
    assertThat(args)
        .startsWith("--master", "local[2]", "--class", "org.sentio.spark.ArchiveJob")
        .containsSequence("--conf", "spark.executor.memory=2g")
        .containsSequence(jar.toString(), "--out", "/data/out", "--models")
        .endsWith("/data/calls", "/data/notes.csv");
  }

  @Test
  void aMissingSparkInstallationIsBadInputSayingWhatToInstall() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Sentio.run(
            new String[] {
              "cluster",
              "run",
              "--master",
              "local[2]",
              "--spark-home",
              dir.resolve("none").toString(),
              "--out",
              "out",
              "in"
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no spark-submit there; give --spark-home the folder of Apache Spark 3.5");
  }

  @Test
  void withoutSparkTheDriverRunsInAJvmOfItsOwnWithTheBuildsSparkLibraries() throws Exception {
    Path home = dir.resolve("sentio");
    Path launchArgs = home.resolve("spark/target/spark-launch.args");
    Path jobJar = Files.createDirectories(home.resolve("lib")).resolve("sentio-spark-job.jar");
    Files.writeString(jobJar, "jar");
    ClusterCommand.Run local = runOptions("local[2]", "spark.executor.memory=2g");

    List<String> command = local.driverCommand(launchArgs, home);

    assertThat(command)
        .contains("-Xmx2g", "@" + launchArgs, "-Dsentio.home=" + home)
        .contains("-Dspark.driver.host=127.0.0.1", "-Dspark.executor.memory=2g")
        .containsSequence("org.sentio.spark.ArchiveJob", "--master", "local[2]", "--out", "out")
        .endsWith("in");
    assertThat(command).noneMatch(arg -> arg.startsWith("-Dspark.jars="));

    ClusterCommand.Run cluster = runOptions("spark://10.0.0.5:7077");
    cluster.jobJar = jobJar;
    assertThat(cluster.driverCommand(launchArgs, home))
        .contains("-Dspark.jars=" + jobJar)
        .noneMatch(arg -> arg.startsWith("-Dspark.driver.host="));

    ClusterCommand.Run badSetting = runOptions("local[2]", "executor.memory=2g");
    assertThatThrownBy(() -> badSetting.driverCommand(launchArgs, home))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "--conf executor.memory=2g: expected spark.KEY=VALUE, e.g. spark.executor.memory=2g");
  }

  private static ClusterCommand.Run runOptions(String master, String... conf) {
    ClusterCommand.Run run = new ClusterCommand.Run();
    run.master = master;
    run.out = "out";
    run.inputs = List.of("in");
    run.conf = List.of(conf);
    return run;
  }

  private static int run(String... args) {
    return Sentio.run(args, System.out, System.err);
  }
}
