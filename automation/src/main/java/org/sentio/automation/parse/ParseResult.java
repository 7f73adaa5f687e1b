package org.sentio.automation.parse;

import java.util.List;
import org.sentio.automation.workflow.Workflow;

/**
 * What the parser made of a sentence.
 *
 * @param workflow the machine built from the understood parts (possibly without steps)
 * @param unparsed the words (or runs of Chinese characters) it did not understand, in order
 * @param problems what is missing or contradictory in the understood parts, one line each
 */
public record ParseResult(Workflow workflow, List<String> unparsed, List<String> problems) {
  public ParseResult {
    unparsed = List.copyOf(unparsed);
    problems = List.copyOf(problems);
  }

  /** True when every word was understood, the machine has steps and no problem was found. */
  public boolean accepted() {
    return unparsed.isEmpty() && problems.isEmpty() && !workflow.steps().isEmpty();
  }
}
