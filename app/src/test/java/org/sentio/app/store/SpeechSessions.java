package org.sentio.app.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/** Sessions whose words were recognised from speech, for store and Review tests. */
public final class SpeechSessions {
  private SpeechSessions() {}

  /**
   * The sample session with two recognised utterances read as happy (valence 0.6): one at 0.4–1.6
   * s, one at 4.0–5.0 s; the windows they overlap carry that text reading.
   */
  public static SessionResult recognised(String title, int windowCount) {
    SessionResult r = SampleSessions.sample(title, windowCount);
    AffectEstimate happy =
        AffectEstimate.present(
            Modality.TEXT, EmotionDistribution.certain(Emotion.HAPPY), 0.6, Double.NaN, 0.7);
    List<Utterance> transcript =
        List.of(
            heard(0.4, 1.6, happy, "kids", "are", "talking"),
            heard(4.0, 5.0, happy, "by", "the", "door"));
    List<AffectWindow> windows = new ArrayList<>();
    for (AffectWindow w : r.windows()) {
      boolean spoken =
          transcript.stream()
              .anyMatch(
                  u ->
                      Math.min(w.endSeconds(), u.endSeconds())
                          > Math.max(w.startSeconds(), u.startSeconds()));
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      for (Modality m : Modality.values()) {
        estimates.put(m, w.estimate(m));
      }
      if (spoken) {
        estimates.put(Modality.TEXT, happy);
      }
      windows.add(
          new AffectWindow(w.index(), w.startSeconds(), w.endSeconds(), estimates, w.fused()));
    }
    return new SessionResult(
        r.title(),
        r.createdAt(),
        r.media(),
        r.durationSeconds(),
        r.options(),
        windows,
        transcript,
        r.models(),
        r.fusionMethod(),
        r.warnings(),
        r.faceTracks(),
        r.expertLoad(),
        List.of(),
        TranscriptOrigin.asr("asr-en", "0.3.45", "en"));
  }

  private static Utterance heard(double start, double end, AffectEstimate affect, String... said) {
    List<RecognizedWord> words = new ArrayList<>();
    double step = (end - start) / said.length;
    for (int i = 0; i < said.length; i++) {
      words.add(new RecognizedWord(said[i], start + i * step, start + (i + 1) * step, 0.9));
    }
    return new Utterance(
        start, end, String.join(" ", said), affect, null, TranscriptSource.ASR, 0.9, words, null);
  }
}
