package org.sentio.affect;

import java.util.EnumMap;
import java.util.Map;

/**
 * One analysis window: a span of the session with each modality's estimate and the fused one.
 *
 * @param index 0-based position in the session
 * @param startSeconds inclusive start
 * @param endSeconds exclusive end
 * @param estimates one estimate for every {@link Modality}, present or absent
 * @param fused the fused estimate
 */
public record AffectWindow(
    int index,
    double startSeconds,
    double endSeconds,
    Map<Modality, AffectEstimate> estimates,
    FusedEstimate fused) {

  public AffectWindow {
    EnumMap<Modality, AffectEstimate> copy = new EnumMap<>(Modality.class);
    copy.putAll(estimates);
    for (Modality m : Modality.values()) {
      if (!copy.containsKey(m)) {
        throw new IllegalArgumentException(
            "window " + index + " lacks a " + m.label() + " estimate");
      }
    }
    estimates = java.util.Collections.unmodifiableMap(copy);
  }

  public AffectEstimate estimate(Modality modality) {
    return estimates.get(modality);
  }
}
