package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.Embedding;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * Facial expression probabilities from a shipped expression model, batched over faces and mapped
 * from the model's class order (its manifest's {@code classes}) to {@link Emotion} order. Works
 * with every model of the {@code face-expression} family: each graph input is fed from the same
 * {@link AlignedFace} by its declared shape {@code [N, size, size, channels]}: one channel is the
 * mini-Xception's grey crop as {@code (grey / 255 - 0.5) * 2}, three channels an RGB crop with
 * values 0..255 (face-api and the ensemble normalise inside the graph). The probabilities are the
 * manifest's first output; a model whose manifest also lists an output named {@value #EMBEDDING}
 * gives each face's embedding too (ADR 0059). Owns its session.
 */
public final class ExpressionClassifier implements AutoCloseable {
  /** The mini-Xception model's name in the registry. */
  public static final String MODEL = "face-expression";

  /** The face-api expression model (rebuilt from {@code @vladmandic/face-api}). */
  public static final String FACE_API = "face-expression-faceapi";

  /** Both models, each also on the mirrored face, averaged in one graph. */
  public static final String ENSEMBLE = "face-expression-ensemble";

  /** Both models averaged in one graph, without the mirror-image pass. */
  public static final String ENSEMBLE_NO_FLIP = "face-expression-ensemble-noflip";

  /**
   * The no-flip ensemble and the FER+ head over the same backbones, averaged 1:1 in one graph (ADR
   * 0058).
   */
  public static final String BLEND = "face-expression-blend";

  /**
   * The model the face pipeline uses unless told otherwise: the blend, better than the ensemble
   * without mirror images (the default of ADR 0011) on every PublicTest view at the same cost (ADR
   * 0058).
   */
  public static final String DEFAULT = BLEND;

  private static final int MAX_BATCH = 16;

  /** The optional output holding what the classifier reads: the model's penultimate layer. */
  public static final String EMBEDDING = "embedding";

  /** One graph input: its name, crop side and channel count. */
  private record Input(String name, int size, int channels) {}

  private final ModelSession session;
  private final int[] emotionOfClass;
  private final List<Input> inputs;
  private final String output;
  private final String embeddingOutput;

  /**
   * @throws ModelException when the manifest's classes are not the seven Sentio emotions, or an
   *     input is not a square NHWC image of one or three channels
   */
  public ExpressionClassifier(ModelSession session) throws ModelException {
    this.session = session;
    String name = session.model().name();
    this.emotionOfClass = classMapping(session.model().manifest().classes());
    List<Input> found = new ArrayList<>();
    for (Map.Entry<String, long[]> e : session.inputShapes().entrySet()) {
      long[] shape = e.getValue();
      if (shape.length != 4
          || shape[1] != shape[2]
          || shape[1] < 1
          || (shape[3] != 1 && shape[3] != 3)) {
        throw new ModelException(
            name
                + ": input '"
                + e.getKey()
                + "' has shape "
                + Arrays.toString(shape)
                + "; an expression model takes [N, size, size, 1 or 3] face crops");
      }
      found.add(new Input(e.getKey(), (int) shape[1], (int) shape[3]));
    }
    this.inputs = List.copyOf(found);
    var outputs = session.model().manifest().outputs();
    this.output = outputs.isEmpty() ? "Identity" : outputs.get(0).name();
    this.embeddingOutput =
        outputs.stream().anyMatch(o -> o.name().equals(EMBEDDING))
                && session.outputNames().contains(EMBEDDING)
            ? EMBEDDING
            : null;
  }

  /** Whether the model gives an embedding with each face's probabilities. */
  public boolean hasEmbedding() {
    return embeddingOutput != null;
  }

  /**
   * What the model read of one face.
   *
   * @param expression the probabilities in {@link Emotion} order
   * @param embedding the model's {@value #EMBEDDING} output for the face, or null when it has none
   */
  public record Reading(EmotionDistribution expression, Embedding embedding) {}

  static int[] classMapping(List<String> classes) throws ModelException {
    if (classes.size() != Emotion.COUNT) {
      throw new ModelException(
          "expression model manifest lists "
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
        throw new ModelException("expression model manifest: " + e.getMessage(), e);
      }
      if (seen[emotion.ordinal()]) {
        throw new ModelException("expression model manifest lists " + emotion.label() + " twice");
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

  /** One distribution per face, in order. */
  public List<EmotionDistribution> classify(List<AlignedFace> faces) throws ModelException {
    return read(faces).stream().map(Reading::expression).toList();
  }

  /** One reading per face, in order: probabilities, and the embedding when the model has one. */
  public List<Reading> read(List<AlignedFace> faces) throws ModelException {
    List<Reading> out = new ArrayList<>(faces.size());
    for (int from = 0; from < faces.size(); from += MAX_BATCH) {
      List<AlignedFace> chunk = faces.subList(from, Math.min(faces.size(), from + MAX_BATCH));
      Map<String, Tensor> feed = new LinkedHashMap<>();
      for (Input input : inputs) {
        int itemSize = input.size() * input.size() * input.channels();
        float[] batch = new float[chunk.size() * itemSize];
        for (int i = 0; i < chunk.size(); i++) {
          float[] item =
              input.channels() == 1
                  ? FaceAligner.expressionInput(chunk.get(i).grey(input.size()))
                  : chunk.get(i).rgb(input.size()).data();
          System.arraycopy(item, 0, batch, i * itemSize, itemSize);
        }
        feed.put(
            input.name(),
            Tensor.ofFloats(
                new long[] {chunk.size(), input.size(), input.size(), input.channels()}, batch));
      }
      Map<String, Tensor> outputs = session.run(feed);
      Tensor result = outputs.get(output);
      if (result == null || !result.isFloat()) {
        throw new ModelException(
            session.model().name() + ": the graph gives no float output '" + output + "'");
      }
      float[] all = result.floats();
      int classes = emotionOfClass.length;
      float[] embeddings = embeddingOutput == null ? null : outputs.get(embeddingOutput).floats();
      int width = embeddings == null ? 0 : embeddings.length / chunk.size();
      for (int i = 0; i < chunk.size(); i++) {
        out.add(
            new Reading(
                toDistribution(Arrays.copyOfRange(all, i * classes, (i + 1) * classes)),
                embeddings == null
                    ? null
                    : new Embedding(
                        session.model().name(),
                        Arrays.copyOfRange(embeddings, i * width, (i + 1) * width))));
      }
    }
    return out;
  }

  @Override
  public void close() throws ModelException {
    session.close();
  }
}
