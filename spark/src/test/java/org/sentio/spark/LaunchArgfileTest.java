package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch argfile's quoting (ADR 0051 left Windows out): paths with spaces, backslashes and
 * quotes are written so that the java launcher reads them back unchanged.
 */
@Timeout(120)
class LaunchArgfileTest {
  @TempDir Path dir;

  @Test
  void quotesWindowsPathsAsTheJavaArgfileRulesAsk() {
    assertThat(
            LaunchArgfile.render(
                List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"),
                "C:\\Users\\Jane Doe\\.m2\\repository\\a.jar;D:\\spark \"3.5\"\\classes"))
        .isEqualTo(
            "\"--add-opens=java.base/java.lang=ALL-UNNAMED\"\n"
                + "-cp\n"
                + "\"C:\\\\Users\\\\Jane Doe\\\\.m2\\\\repository\\\\a.jar;"
                + "D:\\\\spark \\\"3.5\\\"\\\\classes\"\n");
  }

  /** What the JVM started with the argfile reports: the class path and an option, unchanged. */
  @Test
  void theJavaLauncherReadsBackWhatWasWritten() throws Exception {
    String spaced = dir.resolve("Program Files\\Sentio \"x\"").resolve("classes").toString();
    String plain = dir.resolve("lib").resolve("a.jar").toString();
    String classPath = spaced + File.pathSeparator + plain;
    Path lists = dir.resolve("lists.txt");
    Files.writeString(lists, "-Dsentio.check=a\\b  -Xss2m\n" + classPath + "\n");
    Path argfile = dir.resolve("launch.args");

    LaunchArgfile.main(new String[] {lists.toString(), argfile.toString()});
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argfile,
                "-XshowSettings:properties",
                "-version")
            .redirectErrorStream(true)
            .start();
    String shown = new String(java.getInputStream().readAllBytes());
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(java.exitValue()).as(shown).isZero();
    assertThat(shown).contains("sentio.check = a\\b").contains(spaced).contains(plain);
  }
}
