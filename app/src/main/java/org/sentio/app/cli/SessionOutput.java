package org.sentio.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The stored session a command writes files of, and the folder it writes them into. */
final class SessionOutput {
  @Parameters(paramLabel = "ID", description = "The session's id (see sentio sessions list).")
  long id;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Folder to write into, created if missing (default: the current folder).")
  Path out;
}
