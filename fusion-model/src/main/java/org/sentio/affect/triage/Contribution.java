package org.sentio.affect.triage;

/**
 * One reason on the triage card.
 *
 * @param source where it comes from
 * @param rule the rule, in words ("red-flag cue: chest pain")
 * @param evidence what matched: the words of the complaint, the vital's value, the distress score
 * @param suggestedLevel the level this reason alone suggests (1 most urgent … 5)
 * @param weight how strongly it counts, in [0, 1] (1 for explicit rules; a score for distress and
 *     imaging)
 */
public record Contribution(
    Source source, String rule, String evidence, int suggestedLevel, double weight) {

  /** Where a contribution comes from. */
  public enum Source {
    COMPLAINT,
    VITALS,
    VOICE,
    FACE,
    IMAGING,
    DEFAULT
  }
}
