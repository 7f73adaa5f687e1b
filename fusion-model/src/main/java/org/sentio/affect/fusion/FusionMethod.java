package org.sentio.affect.fusion;

import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;

/** Combines the modality estimates of windows into fused estimates. */
public interface FusionMethod {

  /** The name stored with every fused estimate and shown to users. */
  String name();

  /**
   * Fuses each window's estimates; one map per window, each holding every modality.
   *
   * @return one fused estimate per window, in order
   */
  List<FusedEstimate> fuse(List<Map<Modality, AffectEstimate>> windows) throws FusionException;

  /** Fuses a whole session's windows and says how a method with experts routed them. */
  default FusionOutcome fuseSession(List<Map<Modality, AffectEstimate>> windows)
      throws FusionException {
    return new FusionOutcome(fuse(windows), null);
  }
}
