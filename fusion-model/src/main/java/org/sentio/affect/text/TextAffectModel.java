package org.sentio.affect.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/**
 * A trained text-affect model run through moe-runtime: the n-gram models ({@code text-affect-en},
 * {@code text-affect-zh}) read the {@link TextFeaturizer} vector; the encoder models ({@code
 * text-affect-en-bge}, {@code text-affect-zh-bge}) read it beside a {@link SentenceEncoder}
 * embedding ({@link EncoderFeatures}). Emotion probabilities and valence out.
 */
public final class TextAffectModel implements AutoCloseable {
  /** The n-gram models' names in the registry. */
  public static final String NGRAM_EN = "text-affect-en";

  public static final String NGRAM_ZH = "text-affect-zh";

  /** The encoder models' names, read instead of the n-gram ones where installed. */
  public static final String ENCODER_EN = "text-affect-en-bge";

  public static final String ENCODER_ZH = "text-affect-zh-bge";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelSession session;
  private final Language language;
  private final TextFeaturizer featurizer;
  private final SentenceEncoder.Encoder encoderKind;
  private final OnnxHost encoderHost;
  private final EncoderFeatures encoderFeatures;
  private final boolean owned;

  /** Opened on the first utterance read: most recordings analysed have no words in one language. */
  private SentenceEncoder encoder;

  /**
   * An n-gram model on a session the caller owns.
   *
   * @throws IllegalArgumentException when the session is not an n-gram text-affect model
   */
  public TextAffectModel(ModelSession session, Language language) {
    this(session, language, null, null, false);
  }

  private TextAffectModel(
      ModelSession session,
      Language language,
      SentenceEncoder.Encoder encoderKind,
      OnnxHost encoderHost,
      boolean owned) {
    if (!session.inputNames().contains(AffectMlpOnnx.INPUT)
        || !session.outputNames().contains(AffectMlpOnnx.VALENCE)) {
      throw new IllegalArgumentException(
          session.model().name()
              + " is not a text-affect model (inputs "
              + session.inputNames()
              + ")");
    }
    if (encoderKind == null && encoderOf(session.model()) != null) {
      throw new IllegalArgumentException(
          session.model().name()
              + " reads sentence embeddings: open it with TextAffectModel.open, which opens its"
              + " encoder");
    }
    this.session = session;
    this.language = language;
    this.encoderKind = encoderKind;
    this.encoderHost = encoderHost;
    boolean negation = TextModelTraining.Spec.of(language).negationMarking;
    this.featurizer = new TextFeaturizer(language, negation);
    this.encoderFeatures =
        encoderKind == null
            ? null
            : new EncoderFeatures(language, EncoderTextTraining.Features.COMBINED);
    this.owned = owned;
  }

  /**
   * The model the analysis reads {@code language} with: the encoder model where installed, else the
   * n-gram one (docs/decisions/0010-sentence-encoders.md).
   */
  public static InstalledModel analysisModel(ModelRegistry registry, Language language)
      throws ModelException {
    String encoderModel = language == Language.ZH ? ENCODER_ZH : ENCODER_EN;
    for (InstalledModel model : registry.list()) {
      if (model.name().equals(encoderModel)) {
        return model;
      }
    }
    return registry.find(language == Language.ZH ? NGRAM_ZH : NGRAM_EN);
  }

  /**
   * Opens {@code model} (checked against its manifest); the sentence encoder its manifest names, if
   * any, is opened (and checked against the pinned digests) when the first utterance is read, since
   * opening it costs about a second of CPU and its memory, and most analyses read one language or
   * none. The result owns and closes both.
   */
  public static TextAffectModel open(
      OnnxHost host, ModelRegistry registry, InstalledModel model, Language language)
      throws ModelException {
    SentenceEncoder.Encoder wanted = encoderOf(model);
    ModelSession session = host.open(registry, model);
    try {
      return new TextAffectModel(session, language, wanted, host, true);
    } catch (RuntimeException e) {
      try {
        session.close();
      } catch (ModelException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * The encoder {@code model}'s manifest names, or null for an n-gram model.
   *
   * @throws IllegalArgumentException when it names one this Sentio does not carry
   */
  static SentenceEncoder.Encoder encoderOf(InstalledModel model) {
    JsonNode node;
    try {
      node =
          JSON.readTree(model.directory().resolve("manifest.json").toFile())
              .path(EncoderFeatures.MANIFEST_FIELD);
    } catch (IOException e) {
      return null;
    }
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    SentenceEncoder.Encoder encoder = SentenceEncoder.Encoder.byId(node.path("id").asText());
    if (encoder == null || !encoder.onnxSha256.equals(node.path("sha256").asText())) {
      throw new IllegalArgumentException(
          model.directory().resolve("manifest.json")
              + ": names the sentence encoder '"
              + node.path("id").asText()
              + "' (sha256 "
              + node.path("sha256").asText()
              + "), which this version of Sentio does not carry; install a matching model");
    }
    return encoder;
  }

  public ModelSession session() {
    return session;
  }

  public Language language() {
    return language;
  }

  /** The sentence encoder this model reads, or null for an n-gram model; opens it if need be. */
  public synchronized SentenceEncoder encoder() throws ModelException {
    if (encoder == null && encoderKind != null) {
      encoder = SentenceEncoder.open(encoderHost, encoderKind);
    }
    return encoder;
  }

  /** Which sentence encoder this model reads (without opening it), or null for an n-gram model. */
  public SentenceEncoder.Encoder encoderKind() {
    return encoderKind;
  }

  /** Whether the sentence encoder has been opened (it opens on the first utterance read). */
  public synchronized boolean encoderOpen() {
    return encoder != null;
  }

  /**
   * What the model reads from one utterance.
   *
   * @param embedding the encoder models' utterance embedding ({@value SentenceEncoder#DIMENSION}
   *     floats, unit length: the sentence encoder's output that the linear head reads beside the
   *     n-grams), for fusion by embeddings; null for an n-gram model
   */
  public record Reading(EmotionDistribution emotions, double valence, float[] embedding) {}

  public Reading predict(String utterance) throws ModelException {
    SentenceEncoder opened = encoder();
    float[] embedding = opened == null ? null : opened.embed(utterance);
    float[] x =
        opened == null
            ? featurizer.vector(utterance).dense()
            : encoderFeatures.vector(utterance, embedding);
    Map<String, Tensor> out =
        session.run(Map.of(AffectMlpOnnx.INPUT, Tensor.ofFloats(new long[] {1, x.length}, x)));
    float[] p = out.get(AffectMlpOnnx.EMOTIONS).floats();
    double[] probabilities = new double[Emotion.COUNT];
    for (int k = 0; k < Emotion.COUNT; k++) {
      probabilities[k] = Math.max(0, p[k]);
    }
    double valence = Math.max(-1, Math.min(1, out.get(AffectMlpOnnx.VALENCE).floats()[0]));
    return new Reading(EmotionDistribution.normalise(probabilities), valence, embedding);
  }

  /** Closes the sessions this model opened itself ({@link #open}); a borrowed one stays open. */
  @Override
  public void close() throws ModelException {
    if (!owned) {
      return;
    }
    try {
      session.close();
    } finally {
      synchronized (this) {
        if (encoder != null) {
          encoder.close();
          encoder = null;
        }
      }
    }
  }
}
