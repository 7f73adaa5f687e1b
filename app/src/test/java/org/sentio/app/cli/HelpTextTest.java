package org.sentio.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} is printed as written: picocli formats each description, and a
 * lone {@code %} (as in "10 % of the faces") makes it warn on stderr and print the raw text.
 */
class HelpTextTest {

  @Test
  void everyCommandsHelpPrintsWithoutAFormattingWarning() {
    List<CommandLine> commands = new ArrayList<>();
    collect(new CommandLine(new SentioCommand()), commands);
    assertTrue(commands.size() > 20, "found only " + commands.size() + " commands");
    for (CommandLine command : commands) {
      String name = command.getCommandSpec().qualifiedName();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream previousErr = System.err;
      String usage;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        usage = command.getUsageMessage();
      } finally {
        System.setErr(previousErr);
      }
      assertEquals("", err.toString(StandardCharsets.UTF_8), name + " --help warned");
      assertFalse(usage.contains("%n"), name + " --help printed a raw %n: " + usage);
      assertTrue(usage.startsWith("Usage: " + name), name + " --help printed: " + usage);
    }
  }

  private static void collect(CommandLine command, List<CommandLine> commands) {
    commands.add(command);
    for (var entry : command.getSubcommands().entrySet()) {
      if (entry.getKey().equals(entry.getValue().getCommandName())) {
        collect(entry.getValue(), commands);
      }
    }
  }
}
