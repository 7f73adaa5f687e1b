package org.sentio.reports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Debian tools that check reports (poppler-utils, chromium), failing loudly. */
final class Tools {
  private Tools() {}

  record Output(int exitCode, String text) {}

  static Output run(Path workDir, List<String> command) throws Exception {
    String tool = command.get(0);
    if (!onPath(tool)) {
      throw new AssertionError(
          tool
              + " is not installed: scripts/test.sh installs it (Debian: poppler-utils, chromium)");
    }
    Path log = Files.createTempFile(workDir, "tool", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 3 min");
    }
    return new Output(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
