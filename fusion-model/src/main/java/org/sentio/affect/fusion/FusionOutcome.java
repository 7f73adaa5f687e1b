package org.sentio.affect.fusion;

import java.util.List;
import org.sentio.affect.FusedEstimate;

/**
 * The fused windows of a session and, for a method with experts, how the runtime routed them.
 *
 * @param fused one fused estimate per window, in order
 * @param telemetry the expert load, or {@code null} for a method without experts
 */
public record FusionOutcome(List<FusedEstimate> fused, ExpertTelemetry telemetry) {
  public FusionOutcome {
    fused = List.copyOf(fused);
  }
}
