package org.sentio.app.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.affect.pipeline.Utterance;

/** Session results with every kind of value in them, for store and report tests. */
public final class SampleSessions {
  private SampleSessions() {}

  public static SessionResult sample(String title, int windowCount) {
    List<AffectWindow> windows = new ArrayList<>();
    for (int k = 0; k < windowCount; k++) {
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      estimates.put(
          Modality.FACE,
          k % 3 == 2
              ? AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null)
              : AffectEstimate.present(
                  Modality.FACE,
                  EmotionDistribution.of(0.1, 0.6, 0.05, 0.05, 0.05, 0.05, 0.1),
                  0.5,
                  0.25 + 0.01 * k,
                  0.8));
      estimates.put(
          Modality.VOICE,
          k == 0
              ? AffectEstimate.absent(Modality.VOICE, AbsenceReason.UNREADABLE, "no audio decoded")
              : AffectEstimate.present(Modality.VOICE, null, Double.NaN, -0.2, 0.4));
      estimates.put(
          Modality.TEXT,
          AffectEstimate.present(
              Modality.TEXT, EmotionDistribution.certain(Emotion.SAD), -0.7, Double.NaN, 0.5));
      FusedEstimate fused =
          new FusedEstimate(
              EmotionDistribution.of(0.2, 0.3, 0.3, 0.05, 0.05, 0.05, 0.05),
              0.1,
              0.2,
              0.6,
              Map.of(Modality.FACE, 0.5, Modality.TEXT, 0.3, Modality.VOICE, 0.2),
              k % 2 == 0 ? List.of(new ExpertChoice(3, 0.7), new ExpertChoice(11, 0.3)) : List.of(),
              "confidence-weighted");
      windows.add(new AffectWindow(k, k * 0.5, k * 0.5 + 1.0, estimates, fused));
    }
    return SessionResult.builder(
            title, Instant.parse("2026-11-29T10:15:30.123Z"), AnalysisOptions.DEFAULT)
        .media(
            new MediaSummary(
                "/calls/call 1.mp4", "mov,mp4,m4a", 12.5, "h264", 1280, 720, 29.97, "aac", 48000))
        .durationSeconds(windowCount * 0.5 + 0.5)
        .windows(windows)
        .transcript(
            List.of(
                new Utterance(
                    0.5,
                    2.0,
                    "I waited an hour, 太慢了",
                    AffectEstimate.present(
                        Modality.TEXT,
                        EmotionDistribution.certain(Emotion.ANGRY),
                        -0.8,
                        Double.NaN,
                        0.7)),
                new Utterance(
                    2.5,
                    3.0,
                    "…",
                    AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null))))
        .models(List.of(new ModelUse("face-expression", "1.0.0", "ab".repeat(32), "CPU")))
        .fusionMethod("confidence-weighted")
        .warnings(List.of("call 1.mp4: decoding stopped at 12.4 s of 13.0 s"))
        .faceTracks(tracks(windowCount))
        .build();
  }

  /** Track 1 in every window, track 2 in every other window from the second. */
  private static List<TrackReading> tracks(int windowCount) {
    List<TrackReading> tracks = new ArrayList<>();
    for (int k = 0; k < windowCount; k++) {
      tracks.add(
          new TrackReading(
              1,
              k,
              AffectEstimate.present(
                  Modality.FACE,
                  EmotionDistribution.of(0.1, 0.6, 0.05, 0.05, 0.05, 0.05, 0.1),
                  0.5,
                  0.3,
                  0.7)));
      if (k % 2 == 1) {
        tracks.add(
            new TrackReading(
                2,
                k,
                AffectEstimate.present(
                    Modality.FACE, EmotionDistribution.certain(Emotion.ANGRY), -0.6, 0.7, 0.4)));
      }
    }
    return tracks;
  }
}
