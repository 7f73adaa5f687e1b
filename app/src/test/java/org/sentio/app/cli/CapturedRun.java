package org.sentio.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.sentio.app.Sentio;

/**
 * One {@code sentio} command run in this JVM, with what it printed: System.out and System.err are
 * captured too, so that nothing a command prints around the streams it is given is lost.
 */
record CapturedRun(int code, String out, String err) {

  /** Runs one command; one at a time, since System.out and System.err are the JVM's. */
  static synchronized CapturedRun run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previousOut = System.out;
    PrintStream previousErr = System.err;
    PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(capturedOut);
    System.setErr(capturedErr);
    try {
      int code = Sentio.run(args, capturedOut, capturedErr);
      return new CapturedRun(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previousOut);
      System.setErr(previousErr);
    }
  }
}
