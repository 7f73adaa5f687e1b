package org.sentio.automation.engine;

import java.util.List;

/**
 * How a skill's step ended: done with the items for the next steps, waiting for a person, or the
 * run stopped on purpose (a reviewer rejected it).
 */
public record StepOutcome(Kind kind, List<Item> items, String message) {
  public enum Kind {
    DONE,
    WAITING,
    REJECTED
  }

  public StepOutcome {
    items = List.copyOf(items);
  }

  public static StepOutcome done(List<Item> items) {
    return new StepOutcome(Kind.DONE, items, null);
  }

  public static StepOutcome done(List<Item> items, String message) {
    return new StepOutcome(Kind.DONE, items, message);
  }

  public static StepOutcome waitFor(String question) {
    return new StepOutcome(Kind.WAITING, List.of(), question);
  }

  public static StepOutcome rejected(String reason) {
    return new StepOutcome(Kind.REJECTED, List.of(), reason);
  }
}
