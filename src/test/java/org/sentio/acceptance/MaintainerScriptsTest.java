package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way out for users of the first .deb, whose maintainer scripts were jpackage's defaults: on a
 * machine without a writable menu directory that package stays half-configured and cannot be
 * purged, and the next version must install over it and then purge cleanly. Two small packages
 * named sentio carry only the desktop file and the scripts (installers/linux/ for the new one; the
 * old one calls xdg-desktop-menu as jpackage's templates do), so this runs in seconds on the real
 * dpkg, as root.
 */
class MaintainerScriptsTest {
  private static final String OLD_POSTINST =
      """
      #!/bin/sh
      set -e
      case "$1" in
          configure)
      xdg-desktop-menu install /opt/sentio/lib/sentio-sentio.desktop
          ;;
      esac
      exit 0
      """;
  private static final String OLD_PRERM =
      """
      #!/bin/sh
      set -e
      case "$1" in
          remove|upgrade|deconfigure)
      xdg-desktop-menu uninstall /opt/sentio/lib/sentio-sentio.desktop
          ;;
      esac
      exit 0
      """;

  @TempDir Path work;

  @Test
  void theNewPackageInstallsOverTheFirstOnesBrokenStateAndPurgesCleanly() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "installing packages needs root (CI is)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "a Debian or Ubuntu system");
    assumeTrue(
        status().isEmpty()
            && !Files.exists(Path.of("/opt/sentio"))
            && !Files.exists(Path.of("/usr/bin/sentio"), LinkOption.NOFOLLOW_LINKS),
        "sentio is already installed here; this test installs and purges it");
    Path scripts = Cli.root().resolve("installers/linux");
    Path first =
        pack(
            "0.0.1-1",
            List.of(new Script("postinst", OLD_POSTINST), new Script("prerm", OLD_PRERM)));
    Path next =
        pack(
            "0.0.2-1",
            List.of(
                new Script("postinst", Files.readString(scripts.resolve("postinst"))),
                new Script("prerm", Files.readString(scripts.resolve("prerm"))),
                new Script("postrm", Files.readString(scripts.resolve("postrm")))));
    try {
      boolean noMenu =
          Files.isExecutable(Path.of("/usr/bin/xdg-desktop-menu"))
              && !Files.isDirectory(Path.of("/etc/xdg/menus"));
      Result old = apt("install", first.toString());
      if (noMenu) {
        assertThat(old.exit()).as("jpackage's scripts fail here: %s", old.output()).isNotZero();
        assertThat(old.output()).contains("No writable system menu directory");
        assertThat(status()).isEqualTo("iF 0.0.1-1");
      }

      Result upgrade = apt("install", next.toString());
      assertThat(upgrade.exit()).as(upgrade.output()).isZero();
      assertThat(status()).isEqualTo("ii 0.0.2-1");
      assertThat(dpkg("--audit", "sentio").output()).isBlank();

      Result purge = apt("purge", "sentio");
      assertThat(purge.exit()).as(purge.output()).isZero();
      assertThat(status()).isIn("", "un 0.0.2-1", "pn 0.0.2-1");
      assertThat(Path.of("/opt/sentio")).doesNotExist();
      assertThat(Files.exists(Path.of("/usr/bin/sentio"), LinkOption.NOFOLLOW_LINKS))
          .as("the command's link after purge")
          .isFalse();
    } finally {
      if (!status().isEmpty()) {
        dpkg("--purge", "--force-all", "sentio");
      }
    }
  }

  record Script(String name, String text) {}

  record Result(int exit, String output) {}

  private Path pack(String version, List<Script> scripts) throws Exception {
    Path tree = work.resolve("sentio-" + version);
    Path debian = Files.createDirectories(tree.resolve("DEBIAN"));
    Files.writeString(
        debian.resolve("control"),
        "Package: sentio\nVersion: "
            + version
            + "\nArchitecture: all\nMaintainer: sentio@localhost\n"
            + "Description: Sentio maintainer script check\n");
    for (Script s : scripts) {
      Path file = debian.resolve(s.name());
      Files.writeString(file, s.text());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path lib = Files.createDirectories(tree.resolve("opt/sentio/lib"));
    Files.writeString(
        lib.resolve("sentio-sentio.desktop"),
        "[Desktop Entry]\nName=Sentio\nExec=/opt/sentio/bin/sentio\nType=Application\n"
            + "Categories=AudioVideo;\n");
    Path deb = work.resolve("sentio_" + version + "_all.deb");
    Result built = run("dpkg-deb", "--root-owner-group", "-b", tree.toString(), deb.toString());
    assertThat(built.exit()).as(built.output()).isZero();
    return deb;
  }

  /** apt-get, which waits for the package lock (other work may hold it) where dpkg fails. */
  private Result apt(String action, String what) throws Exception {
    return run(
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        action,
        "-y",
        "-o",
        "DPkg::Lock::Timeout=300",
        what);
  }

  private Result dpkg(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("dpkg"));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  private String status() throws Exception {
    Result r = run("dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Version}", "sentio");
    return r.exit() == 0 ? r.output().replaceAll("\\s+", " ").strip() : "";
  }

  private Result run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile()).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(6, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " took over 6 min");
    }
    return new Result(p.exitValue(), output);
  }
}
