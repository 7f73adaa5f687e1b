package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux installer as a user gets it. installers/build.sh makes the .deb once from the jars the
 * reactor built (uncompressed: compression only costs time here). Then:
 *
 * <ul>
 *   <li>{@code dpkg -x} unpacks it into a temporary root, and the unpacked launcher analyses the
 *       demo with an empty home and a fresh temp folder: natives load from the image, nothing is
 *       unpacked to the temp folder, and what libraries cache goes to the per-user cache folder;
 *   <li>as root (CI), the real maintainer scripts run on the real dpkg: {@code apt-get install} of
 *       the previous version (which puts {@code sentio} on PATH as /usr/bin/sentio), the installed
 *       app run on the demo (nothing under /opt/sentio may change), the upgrade to this version,
 *       {@code apt-get remove} and {@code apt-get purge}, after which no trace is left. On a
 *       machine without a desktop menu directory (this one, a server, a container) jpackage's
 *       default scripts left the package half-configured and unremovable.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstalledDebTest {
  private static final Path INSTALLED = Path.of("/opt/sentio");
  private static final Path COMMAND = Path.of("/usr/bin/sentio");

  @TempDir static Path work;
  private Path deb;

  @BeforeAll
  void buildTheDeb() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the .deb is built on Linux");
    Path out = work.resolve("installers");
    run(
        Map.of("SENTIO_DEB_COMPRESSION", "none"),
        15,
        Cli.root().resolve("installers/build.sh").toString(),
        "--skip-maven",
        "--types",
        "app-image deb",
        "--out",
        out.toString());
    try (Stream<Path> files = Files.list(out)) {
      deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
    }
  }

  @Test
  void dependsOnGtkForJavaFx() throws Exception {
    assertThat(run(Map.of(), 1, "dpkg-deb", "-f", deb.toString(), "Depends"))
        .contains("libgtk-3-0");
  }

  @Test
  void unpackedLauncherAnalysesTheDemoWithAnEmptyHome() throws Exception {
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
    List<String> before = tree(app);

    Path home = work.resolve("home");
    Path tmp = work.resolve("tmp");
    String stdout = analyseTheDemo(app, home, tmp, work.resolve("results"));
    assertThat(stdout).contains("Session 1").contains("fused  dominant: happy");
    assertThat(work.resolve("results/demo-mp4-1.json")).exists();
    assertThat(home.resolve(".local/share/sentio/sentio.db")).exists();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("nothing unpacked to the temp folder").isEmpty();
    }
    try (Stream<Path> left = Files.list(home)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("the home folder holds the data folder and the per-user cache, nothing else")
          .containsOnly(".local", ".cache");
    }
    assertThat(tree(app)).as("nothing written into the installation folder").isEqualTo(before);
  }

  @Test
  void installsRunsUpgradesRemovesAndPurgesWithTheRealMaintainerScripts() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "apt-get install needs root (CI is)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "a Debian or Ubuntu system");
    assumeTrue(
        status().isEmpty()
            && !Files.exists(INSTALLED)
            && !Files.exists(COMMAND, LinkOption.NOFOLLOW_LINKS),
        "sentio is already installed here; this test installs and purges it");
    String version = run(Map.of(), 1, "dpkg-deb", "-f", deb.toString(), "Version").strip();
    String previousVersion = version.replaceFirst("-[^-]*$", "-0");
    Path previous = withVersion(deb, previousVersion);
    try {
      String install = apt("install", previous.toString());
      assertThat(status()).isEqualTo("ii " + previousVersion);
      assertThat(install).doesNotContain("No writable").doesNotContain("Errors were encountered");
      assertThat(audit()).as("dpkg --audit after install").isEmpty();
      assertThat(Files.readSymbolicLink(COMMAND)).isEqualTo(INSTALLED.resolve("bin/sentio"));
      assertThat(run(Map.of(), 1, COMMAND.toString(), "--version"))
          .as("the command on PATH starts the installed app")
          .contains("Sentio");

      // The installed app, run as root, must leave its installation folder as dpkg put it.
      List<String> before = tree(INSTALLED);
      Path marker = Files.createFile(work.resolve("before-the-run"));
      Path home = work.resolve("root-home");
      String stdout =
          analyseTheDemo(INSTALLED, home, work.resolve("root-tmp"), work.resolve("out"));
      assertThat(stdout).contains("fused  dominant: happy");
      assertThat(run(Map.of(), 1, "find", INSTALLED.toString(), "-newer", marker.toString()))
          .as("files under /opt/sentio changed by running the app")
          .isEmpty();
      assertThat(tree(INSTALLED)).isEqualTo(before);
      assertThat(home.resolve(".cache/sentio")).as("the per-user cache").isDirectory();

      apt("install", deb.toString());
      assertThat(status()).isEqualTo("ii " + version);
      assertThat(audit()).as("dpkg --audit after the upgrade").isEmpty();
      assertThat(Files.readSymbolicLink(COMMAND))
          .as("the command after the upgrade")
          .isEqualTo(INSTALLED.resolve("bin/sentio"));

      apt("remove", "sentio");
      assertThat(status()).isIn("", "rc " + version);
      assertThat(INSTALLED.resolve("bin/sentio")).doesNotExist();
      assertThat(Files.exists(COMMAND, LinkOption.NOFOLLOW_LINKS))
          .as("/usr/bin/sentio after remove")
          .isFalse();
      assertThat(audit()).as("dpkg --audit after remove").isEmpty();

      apt("purge", "sentio");
      assertThat(status()).isIn("", "un " + version, "pn " + version);
      assertThat(INSTALLED).as("nothing left behind after purge").doesNotExist();
    } finally {
      if (!status().isEmpty()) {
        new ProcessBuilder("dpkg", "--purge", "--force-all", "sentio")
            .inheritIO()
            .start()
            .waitFor();
      }
    }
  }

  /** Runs the analysis of the demo with the installed launcher, a fresh home and temp folder. */
  private String analyseTheDemo(Path app, Path home, Path tmp, Path results) throws Exception {
    Files.createDirectories(home);
    Files.createDirectories(tmp);
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    // Java takes user.home from the password file, not from $HOME: set both.
    env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp + " -Duser.home=" + home);
    env.put("XDG_DATA_HOME", "");
    env.put("XDG_CACHE_HOME", "");
    env.put("SENTIO_DATA_DIR", "");
    return run(
        env,
        5,
        app.resolve("bin/sentio").toString(),
        "analyze",
        Cli.demoVideo().toString(),
        "--transcript",
        Cli.demoTranscript().toString(),
        "--out",
        results.toString());
  }

  /** The package rebuilt with another version: the same files and maintainer scripts. */
  private Path withVersion(Path original, String version) throws Exception {
    Path tree = work.resolve("repack-" + version);
    run(Map.of(), 5, "dpkg-deb", "-R", original.toString(), tree.toString());
    Path control = tree.resolve("DEBIAN/control");
    Files.writeString(
        control,
        Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
    Path repacked = work.resolve("sentio_" + version + "_amd64.deb");
    run(
        Map.of(),
        5,
        "dpkg-deb",
        "--root-owner-group",
        "-Znone",
        "-b",
        tree.toString(),
        repacked.toString());
    run(Map.of(), 1, "rm", "-rf", tree.toString());
    return repacked;
  }

  private String apt(String action, String what) throws Exception {
    return run(
        Map.of("DEBIAN_FRONTEND", "noninteractive"),
        10,
        "apt-get",
        action,
        "-y",
        "--no-install-recommends",
        "-o",
        "DPkg::Lock::Timeout=300",
        what);
  }

  /** dpkg's two-letter status and the version, e.g. "ii 0.1.0-1"; empty when dpkg knows none. */
  private String status() throws Exception {
    Process p =
        new ProcessBuilder("dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Version}", "sentio")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? out.replaceAll("\\s+", " ").strip() : "";
  }

  /** What {@code dpkg --audit} finds wrong about sentio (half-configured, half-installed…). */
  private String audit() throws Exception {
    return run(Map.of(), 1, "dpkg", "--audit", "sentio").strip();
  }

  /** Every path under {@code dir} with its size and modification time, sorted. */
  private static List<String> tree(Path dir) throws Exception {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted()::iterator) {
        entries.add(
            dir.relativize(p)
                + " "
                + (Files.isDirectory(p) ? "dir" : Files.size(p))
                + " "
                + Files.getLastModifiedTime(p));
      }
    }
    return entries;
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
