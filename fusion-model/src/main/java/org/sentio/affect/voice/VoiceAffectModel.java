package org.sentio.affect.voice;

import java.util.Map;
import org.sentio.affect.Embedding;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * The trained voice-affect model ({@code resources/models/voice-affect}) run through moe-runtime:
 * {@link VoiceFeatures} in, emotion probabilities, valence and arousal out. Safe to share between
 * threads (the session is).
 */
public final class VoiceAffectModel {
  private final ModelSession session;
  private final float[] populationMean;
  private final VoiceModelInput.Layout layout;

  /**
   * @throws IllegalArgumentException when the session's graph is not a voice-affect model
   */
  public VoiceAffectModel(ModelSession session) {
    if (!session.inputNames().contains(AffectMlpOnnx.INPUT)
        || !session.outputNames().contains(AffectMlpOnnx.AROUSAL)) {
      throw new IllegalArgumentException(
          session.model().name()
              + " is not a voice-affect model (inputs "
              + session.inputNames()
              + ", outputs "
              + session.outputNames()
              + ")");
    }
    this.session = session;
    try {
      this.populationMean =
          AffectMlpOnnx.read(java.nio.file.Files.readAllBytes(session.model().modelFile())).mean();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          session.model().modelFile() + ": cannot read the model's feature means", e);
    }
    this.layout = VoiceModelInput.Layout.ofWidth(populationMean.length);
    if (layout == null) {
      throw new IllegalArgumentException(
          session.model().name()
              + " reads "
              + populationMean.length
              + " features; a voice-affect model reads one of "
              + java.util.Arrays.stream(VoiceModelInput.Layout.values())
                  .map(VoiceModelInput.Layout::width)
                  .toList());
    }
  }

  /** Which log-mel statistics, if any, the model reads after the voice features. */
  public VoiceModelInput.Layout layout() {
    return layout;
  }

  /** The feature means of the training population (the model's standardisation centre). */
  public float[] populationMean() {
    return populationMean.clone();
  }

  public ModelSession session() {
    return session;
  }

  /** Whether the graph also outputs its hidden layer as {@code embedding} (ADR 0059). */
  public boolean hasEmbedding() {
    return session.outputNames().contains(AffectMlpOnnx.EMBEDDING);
  }

  /**
   * What the model reads from one stretch of speech.
   *
   * @param embedding the hidden layer after ReLU, or null when the graph has no {@code embedding}
   *     output
   */
  public record Reading(
      EmotionDistribution emotions, double valence, double arousal, Embedding embedding) {}

  public Reading predict(VoiceFeatures features) throws ModelException {
    return predict(features.vector());
  }

  /** What the model reads from its input vector ({@link VoiceModelInput}). */
  public Reading predict(float[] input) throws ModelException {
    if (input.length != populationMean.length) {
      throw new IllegalArgumentException(
          session.model().name()
              + " reads "
              + populationMean.length
              + " features, not "
              + input.length);
    }
    Map<String, Tensor> out =
        session.run(
            Map.of(AffectMlpOnnx.INPUT, Tensor.ofFloats(new long[] {1, input.length}, input)));
    float[] p = out.get(AffectMlpOnnx.EMOTIONS).floats();
    double[] probabilities = new double[Emotion.COUNT];
    for (int k = 0; k < Emotion.COUNT; k++) {
      probabilities[k] = Math.max(0, p[k]);
    }
    Tensor hidden = out.get(AffectMlpOnnx.EMBEDDING);
    return new Reading(
        EmotionDistribution.normalise(probabilities),
        clamp(out.get(AffectMlpOnnx.VALENCE).floats()[0]),
        clamp(out.get(AffectMlpOnnx.AROUSAL).floats()[0]),
        hidden == null ? null : new Embedding(session.model().name(), hidden.floats()));
  }

  private static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
