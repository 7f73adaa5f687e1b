package org.sentio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sentio is offline: a whole analysis and the desktop application's start open no socket and look
 * up no host. Each runs in a child JVM under {@link NoNetworkGuard}, which refuses and records any
 * socket permission; the run must succeed and the record stay empty. A guard that recorded nothing
 * because it never ran would prove nothing, so the first test shows it refusing a real connect.
 */
class NoNetworkTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", "..")).toAbsolutePath().normalize();

  @TempDir Path work;

  @Test
  void theGuardRefusesAndRecordsAConnect() throws Exception {
    Path log = work.resolve("network.log");
    Path out = work.resolve("stdout.txt");
    int exit =
        run(
            child(log, List.of(NoNetworkGuard.TriesToConnect.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile()));
    assertThat(exit).as(Files.readString(out)).isZero();
    assertThat(Files.readString(out)).contains("refused");
    assertThat(Files.readString(log)).contains("network access").contains("127.0.0.1:9");
  }

  @Test
  void aWholeAnalysisOpensNoSocket() throws Exception {
    Path log = work.resolve("network.log");
    Path out = work.resolve("stdout.txt");
    List<String> args = new ArrayList<>(List.of("-Dsentio.home=" + ROOT, "org.sentio.app.Sentio"));
    args.addAll(
        List.of(
            "analyze",
            ROOT.resolve("resources/demo/demo.mp4").toString(),
            "--transcript",
            ROOT.resolve("resources/demo/demo.srt").toString(),
            "--data-dir",
            work.resolve("data").toString(),
            "--format",
            "json,csv",
            "--out",
            work.resolve("results").toString()));
    int exit = run(child(log, args).redirectErrorStream(true).redirectOutput(out.toFile()));
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("fused  dominant:");
    assertThat(log).as("socket use recorded by the guard").doesNotExist();
  }

  @Test
  void theDesktopApplicationStartsWithoutTheNetwork() throws Exception {
    Path log = work.resolve("network.log");
    Path out = work.resolve("stdout.txt");
    List<String> args = new ArrayList<>();
    for (String p :
        List.of(
            "testfx.robot",
            "testfx.headless",
            "prism.order",
            "prism.text",
            "glass.platform",
            "monocle.platform",
            "java.awt.headless")) {
      if (System.getProperty(p) != null) {
        args.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    args.addAll(
        List.of(
            "-Dsentio.home=" + ROOT,
            "org.sentio.app.ui.StartupProbe",
            "--data-dir=" + work.resolve("data")));
    int exit = run(child(log, args).redirectErrorStream(true).redirectOutput(out.toFile()));
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("started");
    assertThat(log).as("socket use recorded by the guard").doesNotExist();
  }

  /** {@code java} with this test's class path and the guard installed, then {@code args}. */
  private static ProcessBuilder child(Path log, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Djava.security.manager=" + NoNetworkGuard.class.getName());
    command.add("-Dsentio.test.network.log=" + log);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("SENTIO_DATA_DIR");
    return builder;
  }

  private static int run(ProcessBuilder builder) throws Exception {
    Process p = builder.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM took over 5 min");
    }
    return p.exitValue();
  }
}
