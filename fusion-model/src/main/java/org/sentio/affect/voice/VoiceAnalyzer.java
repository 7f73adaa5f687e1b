package org.sentio.affect.voice;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;

/**
 * Reads arousal from the prosody of a session's speech, one analysis window at a time.
 *
 * <p>A window counts as speech when the voice-activity detector's speech fraction is at least
 * {@value #MIN_SPEECH_FRACTION}, at least {@value #MIN_VOICED_FRACTION} of its frames are voiced
 * and it is louder than {@value #MIN_LOUDNESS_DBFS} dBFS; otherwise the estimate is absent with
 * {@link AbsenceReason#NO_SPEECH} (the voicing rule keeps noise and hum that fool an energy
 * detector out).
 *
 * <p>Arousal is {@code tanh} of a weighted sum of four deviations from the speaker's baseline:
 * loudness (per {@value #LOUDNESS_UNIT_DB} dB), mean F0 (per {@value #PITCH_UNIT_SEMITONES}
 * semitones), F0 variability and speech rate (each as a log ratio, per factor 1.5). The baseline of
 * each feature is the median over this session's earlier speech windows, blended with an absolute
 * prior (loudness {@value #PRIOR_LOUDNESS_DBFS} dBFS, F0 {@value #PRIOR_F0_HZ} Hz, F0 spread
 * {@value #PRIOR_F0_STD_SEMITONES} st, rate {@value #PRIOR_SPEECH_RATE} syllables/s) weighted as
 * {@value #PRIOR_WEIGHT} windows ({@value #PITCH_PRIOR_WEIGHT} for F0, whose term also counts only
 * half while that baseline is immature, since voices differ by an octave between speakers), so
 * early windows lean on the prior and later ones on the speaker. A window is compared with the
 * baseline before it joins it.
 *
 * <p>Without a model, valence and categories are not told (NaN and {@code null}). Confidence grows
 * with the speech fraction, the voiced fraction and the baseline's maturity.
 *
 * <p><b>With the trained voice-affect model</b> ({@link #VoiceAnalyzer(int, ModelSession)}) the
 * same speech gate applies; a window that passes joins a speech context of the last {@value
 * #CONTEXT_SECONDS} s of speech (overlapping windows are joined where they overlap, so each sample
 * counts once), whose {@link VoiceFeatures} the model reads: categories, valence and arousal all
 * come from the model (trained on 3–5 s clips, hence the context). The rule-based arousal above is
 * not used then.
 *
 * <p>One instance per session; not thread-safe.
 */
public final class VoiceAnalyzer {
  public static final double MIN_SPEECH_FRACTION = 0.2;
  public static final double MIN_VOICED_FRACTION = 0.1;
  public static final double MIN_LOUDNESS_DBFS = -55;

  static final double PRIOR_LOUDNESS_DBFS = -24;
  static final double PRIOR_F0_HZ = 150;
  static final double PRIOR_F0_STD_SEMITONES = 2.5;
  static final double PRIOR_SPEECH_RATE = 4;
  static final int PRIOR_WEIGHT = 5;

  /**
   * Voices differ by an octave between speakers (men ~110 Hz, women ~210 Hz), so the absolute F0
   * prior is trusted for fewer windows than the others and the pitch term is damped until then.
   */
  static final int PITCH_PRIOR_WEIGHT = 2;

  static final int HISTORY = 600;

  /** Seconds of recent speech the model reads. */
  public static final double CONTEXT_SECONDS = 3.0;

  static final double LOUDNESS_UNIT_DB = 6;
  static final double PITCH_UNIT_SEMITONES = 3;
  private static final double LOG_RATIO_UNIT = Math.log(1.5);

  static final double LOUDNESS_WEIGHT = 0.4;
  static final double PITCH_WEIGHT = 0.3;
  static final double VARIABILITY_WEIGHT = 0.15;
  static final double RATE_WEIGHT = 0.15;

  private final int sampleRate;
  private final ProsodyExtractor extractor;
  private final Baseline loudness = new Baseline(PRIOR_LOUDNESS_DBFS, PRIOR_WEIGHT);
  private final Baseline pitch =
      new Baseline(ProsodyFeatures.semitones(PRIOR_F0_HZ), PITCH_PRIOR_WEIGHT);
  private final Baseline variability = new Baseline(Math.log(PRIOR_F0_STD_SEMITONES), PRIOR_WEIGHT);
  private final Baseline rate = new Baseline(Math.log(PRIOR_SPEECH_RATE), PRIOR_WEIGHT);
  private final VoiceAffectModel model;
  private final VoiceFeatureExtractor featureExtractor = new VoiceFeatureExtractor();
  private final SpeechContext context;
  private final SpeakerNormaliser speaker;
  private final StreamFrames streamFrames;

  /** A rule-based analyzer (arousal only) for one session at {@code sampleRate} Hz. */
  public VoiceAnalyzer(int sampleRate) {
    this(sampleRate, new ProsodyExtractor());
  }

  public VoiceAnalyzer(int sampleRate, ProsodyExtractor extractor) {
    this(sampleRate, extractor, null);
  }

  /**
   * An analyzer for one session at {@code sampleRate} Hz that reads categories, valence and arousal
   * with the trained voice-affect model open in {@code session} (shared, not closed here).
   */
  public VoiceAnalyzer(int sampleRate, ModelSession session) {
    this(sampleRate, new ProsodyExtractor(), new VoiceAffectModel(session));
  }

  private VoiceAnalyzer(int sampleRate, ProsodyExtractor extractor, VoiceAffectModel model) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.extractor = extractor;
    this.model = model;
    this.context = new SpeechContext((int) Math.round(CONTEXT_SECONDS * sampleRate));
    this.speaker = model == null ? null : new SpeakerNormaliser(model.populationMean());
    this.streamFrames = new StreamFrames(sampleRate);
  }

  /** Whether this analyzer reads with the trained model. */
  public boolean usesModel() {
    return model != null;
  }

  /**
   * The model's estimate of one whole clip (e.g. a labeled utterance), without session state: the
   * speech gate of {@link #analyze(ProsodyFeatures, double)} with the clip's energy speech
   * fraction, then the model on the whole clip.
   *
   * @throws IllegalStateException when this analyzer has no model
   */
  public AffectEstimate analyzeClip(float[] samples) {
    if (model == null) {
      throw new IllegalStateException("analyzeClip needs the voice-affect model");
    }
    VoiceFeatures features = featureExtractor.extract(samples, sampleRate);
    double voiced = features.get("voiced_fraction");
    double loudness = features.get("loudness_mean_db");
    if (!(loudness > ProsodyFeatures.SILENCE_DBFS)) {
      return AffectEstimate.absent(
          Modality.VOICE,
          AbsenceReason.NO_SPEECH,
          AbsenceDetail.NOT_VOICED_LOUDNESS.text(100 * voiced, loudness));
    }
    try {
      VoiceAffectModel.Reading reading =
          model.predict(VoiceModelInput.of(features, samples, sampleRate, model.layout()));
      double confidence = 0.25 + 0.65 * Math.min(1, voiced / 0.5);
      return AffectEstimate.present(
              Modality.VOICE, reading.emotions(), reading.valence(), reading.arousal(), confidence)
          .withEmbedding(reading.embedding());
    } catch (ModelException e) {
      return AffectEstimate.absent(Modality.VOICE, AbsenceReason.UNREADABLE, e.getMessage());
    }
  }

  /**
   * The voice estimate of one window.
   *
   * @param windowSamples mono samples in [-1, 1] at this analyzer's sample rate
   * @param speechFraction share of the window a voice-activity detector took for speech, in [0, 1]
   *     (until one is wired, {@link ProsodyFeatures#energySpeechFraction()})
   */
  public AffectEstimate analyze(float[] windowSamples, double speechFraction) {
    if (speechFraction < MIN_SPEECH_FRACTION) {
      return noSpeech(speechFraction);
    }
    ProsodyFeatures prosody = extractor.extract(windowSamples, sampleRate);
    if (model == null) {
      return analyze(prosody, speechFraction);
    }
    AffectEstimate gate = gate(prosody, speechFraction);
    if (gate != null) {
      return gate;
    }
    context.append(windowSamples);
    return read(context.samples(), prosody, speechFraction);
  }

  /**
   * The voice estimate of one window that starts at stream sample {@code firstSample}: the same as
   * {@link #analyze(float[], double)}, but each 10 ms frame of the stream is measured once, however
   * many overlapping windows and speech contexts hold it (issue 16).
   *
   * @param windowSamples mono samples in [-1, 1] at this analyzer's sample rate, cut from one
   *     stream whose windows are given in time order
   */
  public AffectEstimate analyze(float[] windowSamples, long firstSample, double speechFraction) {
    if (speechFraction < MIN_SPEECH_FRACTION) {
      return noSpeech(speechFraction);
    }
    ProsodyFeatures prosody =
        extractor.extract(
            windowSamples,
            sampleRate,
            StreamFrames.Pieces.contiguous(firstSample, windowSamples.length),
            streamFrames);
    if (model == null) {
      return analyze(prosody, speechFraction);
    }
    AffectEstimate gate = gate(prosody, speechFraction);
    if (gate != null) {
      return gate;
    }
    context.append(windowSamples, firstSample);
    float[] speech = context.samples();
    StreamFrames.Pieces pieces = context.pieces();
    return read(
        featureExtractor.extract(speech, sampleRate, pieces, streamFrames),
        () -> LogMelStatistics.extract(speech, sampleRate, pieces, streamFrames),
        prosody,
        speechFraction);
  }

  private AffectEstimate read(float[] speech, ProsodyFeatures prosody, double speechFraction) {
    return read(
        featureExtractor.extract(speech, sampleRate),
        () -> LogMelStatistics.extract(speech, sampleRate),
        prosody,
        speechFraction);
  }

  /** The model's reading of the speech context whose features and log-mel statistics are given. */
  private AffectEstimate read(
      VoiceFeatures features,
      Supplier<float[]> logMel,
      ProsodyFeatures prosody,
      double speechFraction) {
    VoiceAffectModel.Reading reading;
    try {
      reading =
          model.layout() == VoiceModelInput.Layout.VOICE_FEATURES
              ? model.predict(speaker.normalise(features))
              : model.predict(
                  speaker.normalise(
                      VoiceModelInput.withLogMel(features, logMel.get(), model.layout())));
    } catch (ModelException e) {
      return AffectEstimate.absent(Modality.VOICE, AbsenceReason.UNREADABLE, e.getMessage());
    }
    double confidence =
        0.25 + 0.65 * Math.min(1, speechFraction) * Math.min(1, prosody.voicedFraction() / 0.5);
    return AffectEstimate.present(
            Modality.VOICE, reading.emotions(), reading.valence(), reading.arousal(), confidence)
        .withEmbedding(reading.embedding());
  }

  /** What the model reads from {@code speech} before per-speaker normalisation. */
  float[] modelInput(float[] speech) {
    return VoiceModelInput.of(
        featureExtractor.extract(speech, sampleRate), speech, sampleRate, model.layout());
  }

  /** The absent estimate of a window that is not speech, or null when it is. */
  private static AffectEstimate gate(ProsodyFeatures features, double speechFraction) {
    if (!(speechFraction >= MIN_SPEECH_FRACTION)) {
      return noSpeech(speechFraction);
    }
    if (features.voicedFraction() < MIN_VOICED_FRACTION || !features.hasPitch()) {
      return AffectEstimate.absent(
          Modality.VOICE,
          AbsenceReason.NO_SPEECH,
          AbsenceDetail.NOT_VOICED.text(100 * features.voicedFraction()));
    }
    if (features.loudnessDbfs() < MIN_LOUDNESS_DBFS) {
      return AffectEstimate.absent(
          Modality.VOICE,
          AbsenceReason.NO_SPEECH,
          AbsenceDetail.TOO_QUIET.text(features.loudnessDbfs()));
    }
    return null;
  }

  /** The voice estimate of a window whose features were already extracted. */
  public AffectEstimate analyze(ProsodyFeatures features, double speechFraction) {
    AffectEstimate gate = gate(features, speechFraction);
    if (gate != null) {
      return gate;
    }
    double logVariability = Math.log(Math.max(0.3, orZero(features.f0StdSemitones())));
    double logRate = Math.log(Math.max(0.5, features.speechRate()));
    double drive =
        LOUDNESS_WEIGHT * (features.loudnessDbfs() - loudness.value()) / LOUDNESS_UNIT_DB
            + PITCH_WEIGHT
                * pitch.maturity()
                * (features.f0MeanSemitones() - pitch.value())
                / PITCH_UNIT_SEMITONES
            + VARIABILITY_WEIGHT * (logVariability - variability.value()) / LOG_RATIO_UNIT
            + RATE_WEIGHT * (logRate - rate.value()) / LOG_RATIO_UNIT;
    double arousal = Math.tanh(drive);

    double confidence =
        (0.25 + 0.65 * Math.min(1, speechFraction) * Math.min(1, features.voicedFraction() / 0.5))
            * (0.7 + 0.3 * loudness.maturity());

    loudness.add(features.loudnessDbfs());
    pitch.add(features.f0MeanSemitones());
    variability.add(logVariability);
    rate.add(logRate);
    return AffectEstimate.present(Modality.VOICE, null, Double.NaN, arousal, confidence);
  }

  /** Frames of the stream taken as measured before, and frames measured and kept (issue 16). */
  long[] streamFrameCounts() {
    return streamFrames.counts();
  }

  /** Whether the session has had enough speech for per-speaker normalisation to apply. */
  public boolean speakerNormalised() {
    return speaker != null && speaker.active();
  }

  /** How many speech windows the baseline has seen. */
  public int speechWindowsSeen() {
    return loudness.count();
  }

  private static AffectEstimate noSpeech(double speechFraction) {
    return AffectEstimate.absent(
        Modality.VOICE,
        AbsenceReason.NO_SPEECH,
        AbsenceDetail.TOO_LITTLE_SPEECH.text(100 * speechFraction, 100 * MIN_SPEECH_FRACTION));
  }

  private static double orZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  /** The median of the last {@value #HISTORY} values, blended with a prior. */
  private static final class Baseline {
    private final double prior;
    private final int priorWeight;
    private final Deque<Double> history = new ArrayDeque<>();

    Baseline(double prior, int priorWeight) {
      this.prior = prior;
      this.priorWeight = priorWeight;
    }

    /** 0.5 before any window, rising to 1 once the speaker's windows outweigh the prior. */
    double maturity() {
      return 0.5 + 0.5 * Math.min(1, history.size() / (double) priorWeight);
    }

    void add(double value) {
      history.addLast(value);
      if (history.size() > HISTORY) {
        history.removeFirst();
      }
    }

    int count() {
      return history.size();
    }

    double value() {
      int n = history.size();
      if (n == 0) {
        return prior;
      }
      double median =
          ProsodyExtractor.percentile(
              history.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
      return (priorWeight * prior + n * median) / (priorWeight + n);
    }
  }
}
