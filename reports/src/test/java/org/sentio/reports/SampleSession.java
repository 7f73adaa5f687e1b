package org.sentio.reports;

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

/**
 * A made-up 20 s call: happy for 8 s, then an angry stretch (a negative peak at 12 s), then calm;
 * the face leaves the frame from 15 s, voice tells arousal only, the words are in English and
 * Chinese, and the fusion chose experts.
 */
final class SampleSession {
  static final String TITLE = "Refund call 电话";

  private SampleSession() {}

  static SessionResult result() {
    return result(true);
  }

  static SessionResult result(boolean withExperts) {
    List<AffectWindow> windows = new ArrayList<>();
    for (int i = 0; i < 39; i++) {
      double start = i * 0.5;
      double t = start + 0.5;
      EmotionDistribution face;
      double valence;
      double arousal;
      if (t < 8) {
        face = EmotionDistribution.of(0.15, 0.7, 0.03, 0.03, 0.03, 0.03, 0.03);
        valence = 0.5;
        arousal = 0.1;
      } else if (t < 14) {
        double anger = 0.45 + 0.4 * (1 - Math.abs(t - 12) / 2.5);
        anger = Math.min(anger, 0.88);
        double rest = (1 - anger) / 6;
        face = EmotionDistribution.of(rest, rest, rest, anger, rest, rest, rest);
        valence = -0.6;
        arousal = 0.7;
      } else {
        face = EmotionDistribution.of(0.8, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025);
        valence = 0.05;
        arousal = -0.2;
      }
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      estimates.put(
          Modality.FACE,
          t < 15
              ? AffectEstimate.present(Modality.FACE, face, valence, arousal, 0.8)
              : AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, "left the frame"));
      estimates.put(
          Modality.VOICE,
          AffectEstimate.present(Modality.VOICE, null, Double.NaN, arousal * 0.9, 0.5));
      estimates.put(
          Modality.TEXT,
          t > 4 && t < 16
              ? AffectEstimate.present(Modality.TEXT, face, valence, Double.NaN, 0.6)
              : AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null));
      Map<Modality, Double> weights = new EnumMap<>(Modality.class);
      weights.put(Modality.VOICE, 0.3);
      weights.put(Modality.FACE, t < 15 ? 0.7 : 0.0);
      if (t >= 15) {
        weights.put(Modality.VOICE, 1.0);
        weights.remove(Modality.FACE);
      }
      List<ExpertChoice> experts =
          withExperts ? List.of(new ExpertChoice(i % 3, 0.6), new ExpertChoice(7, 0.4)) : List.of();
      FusedEstimate fused =
          t < 15
              ? new FusedEstimate(face, valence, arousal, 0.7, weights, experts, "moe-test")
              : new FusedEstimate(
                  null, Double.NaN, arousal * 0.9, 0.4, weights, experts, "moe-test");
      windows.add(new AffectWindow(i, start, start + 1.0, estimates, fused));
    }
    List<Utterance> transcript =
        List.of(
            new Utterance(
                4.2,
                7.9,
                "Thanks for calling, how can I help?",
                AffectEstimate.present(
                    Modality.TEXT,
                    EmotionDistribution.of(0.3, 0.6, 0.02, 0.02, 0.02, 0.02, 0.02),
                    0.4,
                    Double.NaN,
                    0.6)),
            new Utterance(
                8.5,
                13.9,
                "This is ridiculous, I want a refund <now> & \"today\". 我要退款，太过分了！",
                AffectEstimate.present(
                    Modality.TEXT,
                    EmotionDistribution.of(0.05, 0.02, 0.05, 0.8, 0.03, 0.03, 0.02),
                    -0.7,
                    Double.NaN,
                    0.7)),
            new Utterance(
                16.0,
                18.0,
                "...",
                AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, "no cue words")));
    return SessionResult.builder(
            TITLE, Instant.parse("2026-11-29T10:15:30Z"), AnalysisOptions.DEFAULT)
        .media(
            new MediaSummary(
                "/calls/refund.mp4", "mov,mp4", 20.0, "h264", 640, 480, 25, "aac", 16000))
        .durationSeconds(20.0)
        .windows(windows)
        .transcript(transcript)
        .models(
            List.of(
                new ModelUse("face-expression", "1.0.0", "ab".repeat(32), "CPU"),
                new ModelUse("voice-activity", "5.0", "cd".repeat(32), "CPU")))
        .fusionMethod("moe-test")
        .warnings(List.of("audio ended 0.2 s before video"))
        .faceTracks(tracks(windows.size()))
        .build();
  }

  /** Face 1 smiles in every window; face 4 frowns in the last three. */
  private static List<TrackReading> tracks(int windowCount) {
    List<TrackReading> tracks = new ArrayList<>();
    for (int k = 0; k < windowCount; k++) {
      tracks.add(
          new TrackReading(
              1,
              k,
              AffectEstimate.present(
                  Modality.FACE, EmotionDistribution.certain(Emotion.HAPPY), 0.8, 0.5, 0.9)));
      if (k >= windowCount - 3) {
        tracks.add(
            new TrackReading(
                4,
                k,
                AffectEstimate.present(
                    Modality.FACE, EmotionDistribution.certain(Emotion.ANGRY), -0.6, 0.7, 0.5)));
      }
    }
    return tracks;
  }

  /** A session of typed text only: no media, one window, no experts. */
  static SessionResult textOnly() {
    EmotionDistribution sad = EmotionDistribution.of(0.1, 0.0, 0.7, 0.1, 0.05, 0.05, 0.0);
    Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
    estimates.put(Modality.FACE, AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null));
    estimates.put(
        Modality.VOICE, AffectEstimate.absent(Modality.VOICE, AbsenceReason.NO_SPEECH, null));
    estimates.put(Modality.TEXT, AffectEstimate.present(Modality.TEXT, sad, -0.5, Double.NaN, 0.6));
    FusedEstimate fused =
        new FusedEstimate(sad, -0.5, Double.NaN, 0.6, Map.of(Modality.TEXT, 1.0), List.of(), "cw");
    return SessionResult.builder(
            "typed text", Instant.parse("2026-11-29T10:00:00Z"), AnalysisOptions.DEFAULT)
        .durationSeconds(1.0)
        .windows(List.of(new AffectWindow(0, 0, 1, estimates, fused)))
        .transcript(List.of(new Utterance(0, 1, "I feel so alone", estimates.get(Modality.TEXT))))
        .fusionMethod("cw")
        .build();
  }
}
