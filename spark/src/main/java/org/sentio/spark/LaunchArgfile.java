package org.sentio.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the driver's java argfile for {@code sentio cluster run} without a Spark installation (ADR
 * 0051) from the lists the build resolves: line 1 of the input holds the JVM options, separated by
 * spaces, line 2 the class path. Every argument is written in double quotes with its backslashes
 * and double quotes escaped by a backslash, as the {@code java @argfile} rules ask, so that a
 * Windows class path ({@code C:\Users\Jane Doe\.m2\…}) reads back as it was written. The build runs
 * it at {@code process-classes} (spark/pom.xml); it needs nothing but the JDK.
 */
public final class LaunchArgfile {
  private LaunchArgfile() {}

  /** {@code LaunchArgfile LISTS ARGFILE}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: LaunchArgfile LISTS ARGFILE");
      System.exit(2);
    }
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    if (lines.size() < 2 || lines.get(1).isBlank()) {
      System.err.println(
          args[0] + ": expected the JVM options on line 1, the class path on line 2");
      System.exit(2);
    }
    List<String> options = new ArrayList<>();
    for (String option : lines.get(0).split(" ")) {
      if (!option.isBlank()) {
        options.add(option);
      }
    }
    Files.writeString(
        Path.of(args[1]), render(options, lines.get(1).strip()), StandardCharsets.UTF_8);
  }

  /** The argfile: each option on a line of its own, then {@code -cp} and the class path. */
  static String render(List<String> options, String classPath) {
    StringBuilder text = new StringBuilder();
    for (String option : options) {
      text.append(quote(option)).append('\n');
    }
    return text.append("-cp\n").append(quote(classPath)).append('\n').toString();
  }

  /** One argument as the java launcher reads it back from an argfile. */
  static String quote(String argument) {
    return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
