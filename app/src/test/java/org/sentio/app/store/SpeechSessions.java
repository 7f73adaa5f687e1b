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
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
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
    return r.toBuilder()
        .windows(windows)
        .transcript(transcript)
        .transcriptOrigin(TranscriptOrigin.asr("asr-en", "0.3.45", "en"))
        .build();
  }

  /**
   * {@link #recognised} with two speakers: the agent S1 says the two happy utterances, the customer
   * S2 an angry one between them (2.0–3.5 s) that the windows it overlaps read as angry text.
   */
  public static SessionResult twoSpeakers(String title, int windowCount) {
    SessionResult r = recognised(title, windowCount);
    AffectEstimate angry =
        AffectEstimate.present(
            Modality.TEXT, EmotionDistribution.certain(Emotion.ANGRY), -0.8, Double.NaN, 0.8);
    Utterance customer = heard(2.0, 3.5, angry, "this", "is", "not", "acceptable");
    List<Utterance> transcript =
        List.of(
            by("S1", r.transcript().get(0)), by("S2", customer), by("S1", r.transcript().get(1)));
    List<AffectWindow> windows = new ArrayList<>();
    for (AffectWindow w : r.windows()) {
      if (Math.min(w.endSeconds(), customer.endSeconds())
          <= Math.max(w.startSeconds(), customer.startSeconds())) {
        windows.add(w);
        continue;
      }
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      for (Modality m : Modality.values()) {
        estimates.put(m, w.estimate(m));
      }
      estimates.put(Modality.TEXT, angry);
      windows.add(
          new AffectWindow(w.index(), w.startSeconds(), w.endSeconds(), estimates, w.fused()));
    }
    return r.toBuilder()
        .windows(windows)
        .transcript(transcript)
        .speakers(
            List.of(
                new Speaker("S1", SpeakerRole.AGENT, null, null),
                new Speaker("S2", SpeakerRole.CUSTOMER, null, null)))
        .build();
  }

  private static Utterance by(String speaker, Utterance u) {
    return new Utterance(
        u.startSeconds(),
        u.endSeconds(),
        u.text(),
        u.affect(),
        speaker,
        u.source(),
        u.confidence(),
        u.words(),
        u.originalText());
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
