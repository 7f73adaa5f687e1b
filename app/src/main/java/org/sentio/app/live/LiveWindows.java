package org.sentio.app.live;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.fusion.FusionException;
import org.sentio.affect.fusion.FusionMethod;
import org.sentio.affect.fusion.FusionOutcome;
import org.sentio.affect.pipeline.WindowGrid;
import org.sentio.affect.voice.VoiceAnalyzer;

/**
 * The analysis windows of a live session, closed as media time passes their end: face readings
 * averaged by quality as the file pipeline does, voice read from the window's sound with its share
 * of speech, text absent, then fused. Not thread-safe: one analysis thread.
 */
public final class LiveWindows {
  private static final int RATE = 16_000;
  private static final double MIN_VOICE_SECONDS = 0.25;

  private final WindowGrid grid;
  private final VoiceAnalyzer voice;
  private final FusionMethod fusion;
  private ExpertTelemetry expertLoad;
  private final boolean hasAudio;
  private final TreeMap<Integer, Acc> open = new TreeMap<>();
  private int nextToClose;
  private float[] audio = new float[RATE * 4];
  private long audioStartSample;
  private int audioLength;

  public LiveWindows(WindowGrid grid, VoiceAnalyzer voice, FusionMethod fusion, boolean hasAudio) {
    this.grid = grid;
    this.voice = voice;
    this.fusion = fusion;
    this.hasAudio = hasAudio;
  }

  private static final class Acc {
    final List<EmotionDistribution> expressions = new ArrayList<>();
    final List<Double> qualities = new ArrayList<>();
    double valence;
    double arousal;
    double qualitySum;
    int frames;
    int withFace;
    int vadFrames;
    int speechFrames;
  }

  private Acc acc(int k) {
    return open.computeIfAbsent(k, i -> new Acc());
  }

  /** One analysed picture at media time {@code t}: the subject face, or null when none. */
  public void addFace(double t, FaceObservation subject) {
    for (int k = Math.max(nextToClose, grid.firstContaining(t)); k <= grid.lastContaining(t); k++) {
      Acc a = acc(k);
      a.frames++;
      if (subject != null) {
        double q = Math.max(subject.quality(), 1e-3);
        a.withFace++;
        a.expressions.add(subject.expression());
        a.qualities.add(q);
        a.valence += q * subject.valence();
        a.arousal += q * subject.arousal();
        a.qualitySum += q;
      }
    }
  }

  /** One voice-activity frame centred at {@code t}. */
  public void addVad(double t, boolean speech) {
    for (int k = Math.max(nextToClose, grid.firstContaining(t)); k <= grid.lastContaining(t); k++) {
      Acc a = acc(k);
      a.vadFrames++;
      if (speech) {
        a.speechFrames++;
      }
    }
  }

  /** Sound following the sound given before (16 kHz mono). */
  public void addAudio(float[] samples) {
    if (audioLength + samples.length > audio.length) {
      float[] bigger = new float[Math.max(audio.length * 2, audioLength + samples.length)];
      System.arraycopy(audio, 0, bigger, 0, audioLength);
      audio = bigger;
    }
    System.arraycopy(samples, 0, audio, audioLength, samples.length);
    audioLength += samples.length;
  }

  /**
   * How the fusion model's experts were loaded by the windows closed so far, or null when the
   * fusion method has no experts.
   */
  public ExpertTelemetry expertLoad() {
    return expertLoad;
  }

  /** Closes every window that ends at or before {@code t} and returns them fused, in order. */
  public List<AffectWindow> closeUpTo(double t) throws FusionException {
    List<Integer> indices = new ArrayList<>();
    while (grid.end(nextToClose) <= t + 1e-9) {
      indices.add(nextToClose++);
    }
    return close(indices, Double.POSITIVE_INFINITY);
  }

  /** Closes the windows that start before {@code duration} (the end of a recording). */
  public List<AffectWindow> closeAll(double duration) throws FusionException {
    List<Integer> indices = new ArrayList<>();
    while (grid.start(nextToClose) < duration - 1e-9) {
      indices.add(nextToClose++);
    }
    return close(indices, duration);
  }

  private List<AffectWindow> close(List<Integer> indices, double duration) throws FusionException {
    if (indices.isEmpty()) {
      return List.of();
    }
    List<Map<Modality, AffectEstimate>> estimates = new ArrayList<>();
    for (int k : indices) {
      Acc a = open.remove(k);
      if (a == null) {
        a = new Acc();
      }
      Map<Modality, AffectEstimate> m = new EnumMap<>(Modality.class);
      m.put(Modality.FACE, face(a));
      m.put(Modality.VOICE, voice(k, a));
      m.put(
          Modality.TEXT,
          AffectEstimate.absent(
              Modality.TEXT, AbsenceReason.NO_TEXT, AbsenceDetail.LIVE_NO_TEXT.text()));
      estimates.add(m);
    }
    FusionOutcome outcome = fusion.fuseSession(estimates);
    if (outcome.telemetry() != null) {
      expertLoad = expertLoad == null ? outcome.telemetry() : expertLoad.plus(outcome.telemetry());
    }
    List<FusedEstimate> fused = outcome.fused();
    List<AffectWindow> windows = new ArrayList<>();
    for (int i = 0; i < indices.size(); i++) {
      int k = indices.get(i);
      windows.add(
          new AffectWindow(
              k, grid.start(k), Math.min(grid.end(k), duration), estimates.get(i), fused.get(i)));
    }
    dropAudioBefore(grid.start(nextToClose));
    return windows;
  }

  private AffectEstimate face(Acc a) {
    if (a.frames == 0) {
      return AffectEstimate.absent(
          Modality.FACE, AbsenceReason.UNREADABLE, AbsenceDetail.NO_PICTURE_ANALYSED.text());
    }
    if (a.withFace == 0) {
      return AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null);
    }
    double[] w = a.qualities.stream().mapToDouble(Double::doubleValue).toArray();
    double confidence = Math.min(1, a.qualitySum / a.withFace * a.withFace / a.frames);
    return AffectEstimate.present(
        Modality.FACE,
        EmotionDistribution.weightedMean(a.expressions, w),
        clamp(a.valence / a.qualitySum),
        clamp(a.arousal / a.qualitySum),
        confidence);
  }

  private AffectEstimate voice(int k, Acc a) {
    if (!hasAudio) {
      return AffectEstimate.absent(
          Modality.VOICE, AbsenceReason.NO_SPEECH, AbsenceDetail.NO_MICROPHONE.text());
    }
    int from = (int) (Math.round(grid.start(k) * RATE) - audioStartSample);
    int to = (int) Math.min(Math.round(grid.end(k) * RATE) - audioStartSample, audioLength);
    from = Math.max(0, from);
    if (to - from < MIN_VOICE_SECONDS * RATE) {
      return AffectEstimate.absent(
          Modality.VOICE, AbsenceReason.NO_SPEECH, AbsenceDetail.NO_SOUND_IN_WINDOW.text());
    }
    float[] samples = new float[to - from];
    System.arraycopy(audio, from, samples, 0, samples.length);
    double speech = a.vadFrames == 0 ? 0 : (double) a.speechFrames / a.vadFrames;
    return voice.analyze(samples, speech);
  }

  private void dropAudioBefore(double seconds) {
    int drop =
        (int) Math.min(audioLength, Math.max(0, Math.round(seconds * RATE) - audioStartSample));
    if (drop > 0) {
      System.arraycopy(audio, drop, audio, 0, audioLength - drop);
      audioLength -= drop;
      audioStartSample += drop;
    }
  }

  private static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
