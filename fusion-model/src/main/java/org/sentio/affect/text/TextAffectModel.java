package org.sentio.affect.text;

import java.util.Map;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * A trained text-affect model ({@code text-affect-en} or {@code text-affect-zh}) run through
 * moe-runtime: the {@link TextFeaturizer} vector in, emotion probabilities and valence out.
 */
public final class TextAffectModel {
  private final ModelSession session;
  private final TextFeaturizer featurizer;

  public TextAffectModel(ModelSession session, Language language) {
    if (!session.inputNames().contains(AffectMlpOnnx.INPUT)
        || !session.outputNames().contains(AffectMlpOnnx.VALENCE)) {
      throw new IllegalArgumentException(
          session.model().name()
              + " is not a text-affect model (inputs "
              + session.inputNames()
              + ")");
    }
    this.session = session;
    this.featurizer =
        new TextFeaturizer(language, TextModelTraining.Spec.of(language).negationMarking);
  }

  public ModelSession session() {
    return session;
  }

  /** What the model reads from one utterance. */
  public record Reading(EmotionDistribution emotions, double valence) {}

  public Reading predict(String utterance) throws ModelException {
    float[] x = featurizer.vector(utterance).dense();
    Map<String, Tensor> out =
        session.run(
            Map.of(
                AffectMlpOnnx.INPUT, Tensor.ofFloats(new long[] {1, TextFeaturizer.DIMENSION}, x)));
    float[] p = out.get(AffectMlpOnnx.EMOTIONS).floats();
    double[] probabilities = new double[Emotion.COUNT];
    for (int k = 0; k < Emotion.COUNT; k++) {
      probabilities[k] = Math.max(0, p[k]);
    }
    double valence = Math.max(-1, Math.min(1, out.get(AffectMlpOnnx.VALENCE).floats()[0]));
    return new Reading(EmotionDistribution.normalise(probabilities), valence);
  }
}
