package org.sentio.affect.fusion;

import java.util.Locale;
import org.sentio.runtime.ExecutionProvider;

/**
 * Which formulation of the MoE graph the runtime runs, on which provider, and why: both were timed
 * on the same warm batches and the faster kept, or one was forced, or the other cannot run.
 *
 * @param chosen the formulation in use
 * @param provider the execution provider it runs on
 * @param chosenMillis median time of one batch of the chosen formulation
 * @param other the other formulation, or {@code null} when it cannot run
 * @param otherMillis median time of one batch of the other formulation; NaN when not timed
 * @param batch the windows per timed batch
 * @param note why the choice is not simply "the faster": "forced", or why the other cannot run;
 *     {@code null} when the faster was chosen
 * @param checkMillis how long opening, checking and timing both formulations took at load
 */
public record FormulationChoice(
    MoeOnnx.Formulation chosen,
    ExecutionProvider provider,
    double chosenMillis,
    MoeOnnx.Formulation other,
    double otherMillis,
    int batch,
    String note,
    long checkMillis) {

  /** One line for users, e.g. "fused com.microsoft.MoE, CPU, chosen: 0.21 ms vs 0.35 ms …". */
  public String describe() {
    String head = label(chosen) + ", " + provider.displayName();
    if (other == null || Double.isNaN(otherMillis)) {
      return String.format(
          Locale.ROOT,
          "%s, %.2f ms per batch of %d; %s",
          head,
          chosenMillis,
          batch,
          note == null ? "the other formulation was not tried" : note);
    }
    return String.format(
        Locale.ROOT,
        "%s, %s: %.2f ms vs %.2f ms for %s per batch of %d",
        head,
        note == null ? "chosen" : note,
        chosenMillis,
        otherMillis,
        label(other),
        batch);
  }

  static String label(MoeOnnx.Formulation formulation) {
    return formulation == MoeOnnx.Formulation.FUSED
        ? "fused " + formulation.description
        : formulation.description;
  }
}
