package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;

/**
 * Facial expression probabilities from the shipped mini-Xception model ({@code
 * resources/models/face-expression}), batched over faces and mapped from the model's class order
 * (its manifest's {@code classes}: angry, disgust, fear, happy, sad, surprise, neutral) to {@link
 * Emotion} order. Owns its session.
 */
public final class ExpressionClassifier implements AutoCloseable {
  /** Model name in the registry. */
  public static final String MODEL = "face-expression";

  private static final String INPUT = "input_1";
  private static final String OUTPUT = "Identity";
  private static final int MAX_BATCH = 16;

  private final ModelSession session;
  private final int[] emotionOfClass;

  /**
   * @throws ModelException when the manifest's classes are not the seven Sentio emotions
   */
  public ExpressionClassifier(ModelSession session) throws ModelException {
    this.session = session;
    this.emotionOfClass = classMapping(session.model().manifest().classes());
  }

  static int[] classMapping(List<String> classes) throws ModelException {
    if (classes.size() != Emotion.COUNT) {
      throw new ModelException(
          "face-expression manifest lists "
              + classes.size()
              + " classes, expected "
              + Emotion.COUNT);
    }
    int[] mapping = new int[classes.size()];
    boolean[] seen = new boolean[Emotion.COUNT];
    for (int i = 0; i < mapping.length; i++) {
      Emotion emotion;
      try {
        emotion = Emotion.parse(classes.get(i));
      } catch (IllegalArgumentException e) {
        throw new ModelException("face-expression manifest: " + e.getMessage(), e);
      }
      if (seen[emotion.ordinal()]) {
        throw new ModelException("face-expression manifest lists " + emotion.label() + " twice");
      }
      seen[emotion.ordinal()] = true;
      mapping[i] = emotion.ordinal();
    }
    return mapping;
  }

  /** Reorders one model output (class order) into an {@link EmotionDistribution}. */
  EmotionDistribution toDistribution(float[] modelProbabilities) {
    double[] p = new double[Emotion.COUNT];
    for (int i = 0; i < modelProbabilities.length; i++) {
      p[emotionOfClass[i]] = Math.max(0, modelProbabilities[i]);
    }
    return EmotionDistribution.normalise(p);
  }

  /** One distribution per input ({@link FaceAligner#expressionInput}), in order. */
  public List<EmotionDistribution> classify(List<float[]> inputs) throws ModelException {
    List<EmotionDistribution> out = new ArrayList<>(inputs.size());
    if (inputs.isEmpty()) {
      return out;
    }
    var results =
        session.runBatched(
            INPUT, new long[] {FaceAligner.SIZE, FaceAligner.SIZE, 1}, inputs, MAX_BATCH);
    for (var result : results) {
      out.add(toDistribution(result.get(OUTPUT)));
    }
    return out;
  }

  @Override
  public void close() throws ModelException {
    session.close();
  }
}
