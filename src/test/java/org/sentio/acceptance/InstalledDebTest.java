package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux installer as a user gets it: installers/build.sh makes the .deb from the jars the
 * reactor built, {@code dpkg -x} unpacks it into a temporary root, and the installed launcher
 * analyses the demo session with an empty home folder and a fresh temp folder, which must both stay
 * free of unpacked natives. One test that does everything once: the build takes about two minutes.
 */
class InstalledDebTest {
  @TempDir Path work;

  @Test
  void installedLauncherAnalysesTheDemoWithAnEmptyHome() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the .deb is built on Linux");
    Path out = work.resolve("installers");
    run(
        Map.of("SENTIO_DEB_COMPRESSION", "gzip"),
        15,
        Cli.root().resolve("installers/build.sh").toString(),
        "--skip-maven",
        "--types",
        "app-image deb",
        "--out",
        out.toString());
    Path deb;
    try (Stream<Path> files = Files.list(out)) {
      deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
    }
    String depends = run(Map.of(), 1, "dpkg-deb", "-f", deb.toString(), "Depends");
    assertThat(depends).contains("libgtk-3-0");

    Path root = work.resolve("root");
    run(Map.of(), 5, "dpkg", "-x", deb.toString(), root.toString());
    Path app = root.resolve("opt/sentio");
    assertThat(app.resolve("lib/sentio-sentio.desktop")).content().contains("MimeType=");
    assertThat(app.resolve("lib/sentio-sentio-MimeInfo.xml"))
        .content()
        .contains("video/mp4")
        .contains("application/dicom");
    Path natives = app.resolve("lib/app/native");
    assertThat(natives.resolve("libonnxruntime.so")).exists();
    assertThat(natives.resolve("libsqlitejdbc.so")).exists();
    assertThat(natives.resolve("libjniavformat.so")).exists();
    try (Stream<Path> jars = Files.list(app.resolve("lib/app/lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.contains("-linux-x86_64") || name.contains("-windows-"));
    }

    Path home = work.resolve("home");
    Path tmp = work.resolve("tmp");
    Files.createDirectories(home);
    Files.createDirectories(tmp);
    String stdout =
        run(
            Map.of(
                "HOME",
                home.toString(),
                "JAVA_TOOL_OPTIONS",
                // Java takes user.home from the password file, not from $HOME: set both.
                "-Djava.io.tmpdir=" + tmp + " -Duser.home=" + home,
                "XDG_DATA_HOME",
                "",
                "SENTIO_DATA_DIR",
                ""),
            5,
            app.resolve("bin/sentio").toString(),
            "analyze",
            Cli.demoVideo().toString(),
            "--transcript",
            Cli.demoTranscript().toString(),
            "--out",
            work.resolve("results").toString());
    assertThat(stdout).contains("Session 1").contains("fused  dominant: happy");
    assertThat(work.resolve("results/demo-mp4-1.json")).exists();
    assertThat(home.resolve(".local/share/sentio/sentio.db")).exists();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("nothing unpacked to the temp folder").isEmpty();
    }
    try (Stream<Path> left = Files.list(home)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("nothing unpacked to the home folder")
          .containsExactly(".local");
    }
  }

  private String run(Map<String, String> env, int minutes, String... command) throws Exception {
    Path log = Files.createTempFile(work, "run", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(work.toFile());
    env.forEach(
        (k, v) -> {
          if (v.isEmpty()) {
            builder.environment().remove(k);
          } else {
            builder.environment().put(k, v);
          }
        });
    Process p = builder.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " took over " + minutes + " min");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
