package org.sentio.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;

/**
 * How far two analyses of the same recording agree window by window: whether a face is present, its
 * top emotion and probabilities, and the fused top emotion. Measures a speed lever's accuracy cost
 * against the validated path on video, where the still-image validation sets cannot.
 */
record WindowAgreement(
    int windows,
    int facePresenceSame,
    int faceBoth,
    int faceTopSame,
    double faceAbsDifference,
    int fusedBoth,
    int fusedTopSame) {

  static WindowAgreement of(SessionResult with, SessionResult without) {
    int n = Math.min(with.windows().size(), without.windows().size());
    int presenceSame = 0;
    int both = 0;
    int topSame = 0;
    double difference = 0;
    int fusedBoth = 0;
    int fusedSame = 0;
    for (int k = 0; k < n; k++) {
      AffectWindow a = with.windows().get(k);
      AffectWindow b = without.windows().get(k);
      AffectEstimate fa = a.estimate(Modality.FACE);
      AffectEstimate fb = b.estimate(Modality.FACE);
      if (fa.isPresent() == fb.isPresent()) {
        presenceSame++;
      }
      if (fa.hasEmotions() && fb.hasEmotions()) {
        both++;
        if (fa.emotions().top() == fb.emotions().top()) {
          topSame++;
        }
        double[] pa = fa.emotions().toArray();
        double[] pb = fb.emotions().toArray();
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
          sum += Math.abs(pa[i] - pb[i]);
        }
        difference += sum / pa.length;
      }
      if (a.fused().emotions() != null && b.fused().emotions() != null) {
        fusedBoth++;
        if (a.fused().emotions().top() == b.fused().emotions().top()) {
          fusedSame++;
        }
      }
    }
    return new WindowAgreement(n, presenceSame, both, topSame, difference, fusedBoth, fusedSame);
  }

  Map<String, Object> figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("windows", windows);
    f.put("facePresencePercent", percent(facePresenceSame, windows));
    f.put("faceWindowsBoth", faceBoth);
    f.put("faceTopPercent", percent(faceTopSame, faceBoth));
    f.put("faceMeanAbsDifference", faceBoth == 0 ? 0.0 : faceAbsDifference / faceBoth);
    f.put("fusedTopPercent", percent(fusedTopSame, fusedBoth));
    return f;
  }

  private static double percent(int part, int whole) {
    return whole == 0 ? 100.0 : 100.0 * part / whole;
  }
}
