package org.sentio.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.app.cli.SentioCommand;
import org.sentio.app.cli.UserError;
import org.sentio.app.store.StoreException;
import org.sentio.automation.engine.WorkflowStoreException;
import picocli.CommandLine;

/**
 * Entry point of the {@code sentio} command: the desktop application when started without
 * arguments, else the command line. Errors reach the user as one line on stderr: bad input exits 2,
 * anything else exits 1 with the details written to {@code sentio.log} in the data folder, never as
 * a stack trace on the console.
 */
public final class Sentio {
  public static final int EXIT_OK = 0;
  public static final int EXIT_INTERNAL = 1;
  public static final int EXIT_BAD_INPUT = 2;

  private Sentio() {}

  /** With no arguments starts the desktop application; with any, runs the command line. */
  public static void main(String[] args) {
    UserCache.configure();
    if (args.length == 0) {
      org.sentio.app.ui.DesktopLauncher.main(args);
      return;
    }
    // Titles, transcripts and labels are often Chinese: write UTF-8 whatever the locale says.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
    System.setOut(out);
    System.setErr(err);
    System.exit(run(args, out, err));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(new SentioCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> report(exception, err));
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine failed = exception.getCommandLine();
          err.println(
              "sentio: "
                  + exception.getMessage()
                  + " (see "
                  + failed.getCommandSpec().qualifiedName()
                  + " --help)");
          return EXIT_BAD_INPUT;
        });
    if (args.length == 0) {
      commandLine.usage(out);
      return EXIT_OK;
    }
    return commandLine.execute(args);
  }

  static int report(Exception exception, PrintStream err) {
    if (exception instanceof UserError) {
      err.println("sentio: " + exception.getMessage());
      return EXIT_BAD_INPUT;
    }
    if (exception instanceof AnalysisException
        || exception instanceof StoreException
        || exception instanceof WorkflowStoreException) {
      err.println("sentio: " + exception.getMessage());
      Path log = writeLog(exception);
      if (log != null) {
        err.println("sentio: details in " + log);
      }
      return EXIT_INTERNAL;
    }
    Path log = writeLog(exception);
    err.println(
        "sentio: internal error: " + exception + (log == null ? "" : " (details in " + log + ")"));
    return EXIT_INTERNAL;
  }

  private static Path writeLog(Exception exception) {
    StringWriter trace = new StringWriter();
    exception.printStackTrace(new PrintWriter(trace));
    try {
      Path folder = DataDirectory.resolve(null);
      Files.createDirectories(folder);
      Path log = folder.resolve("sentio.log");
      Files.writeString(
          log,
          Instant.now() + " " + trace + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return log;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
