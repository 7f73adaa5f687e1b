package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two shipped expression backbones, frozen, cut at their penultimate layer, joined into one
 * embedding, with a trained head on top: one ONNX graph for {@code face-expression-head}.
 *
 * <p>The mini-Xception ({@code face-expression}) is cut after its last residual block ({@value
 * #MINI_XCEPTION_FEATURE_MAP}, 256 channels) and averaged over space, as its own classifier does
 * after its last convolution; face-api ({@code face-expression-faceapi}) gives its pooled {@value
 * FaceApiExpressionGraph#FEATURES} (256). The {@value #EMBEDDING_SIZE}-value concatenation is the
 * {@value #EMBEDDING} output; the head standardises it and applies a linear layer or one ReLU
 * hidden layer and a softmax ({@value #PROBABILITIES}). With {@code flip} each backbone also runs
 * on the mirrored face (a {@code Slice} with step -1 over the width axis, stacked in one batch),
 * and both the embedding and the probabilities are the mean of face and mirror image. Only the
 * backbone nodes the embedding needs are copied (each member's own classifier is left out), under a
 * prefix per member, with their weights unchanged. Deterministic: the same inputs give the same
 * bytes.
 *
 * <p>{@link #blend} builds {@code face-expression-blend} (ADR 0058) from the same parts: both
 * backbones with their own classifiers, the no-flip ensemble of those, the head, and the mean of
 * ensemble and head, so one pass over the backbones gives all three.
 */
public final class FaceHeadGraph {
  /** The mini-Xception's last residual sum, [N, 256, 4, 4] inside the graph (NCHW). */
  public static final String MINI_XCEPTION_FEATURE_MAP =
      "StatefulPartitionedCall/model_1/add_2/add";

  public static final int MINI_XCEPTION_FEATURES = 256;
  public static final int FACE_API_FEATURES = 256;

  /** Size of the embedding: mini-Xception's 256 then face-api's 256. */
  public static final int EMBEDDING_SIZE = MINI_XCEPTION_FEATURES + FACE_API_FEATURES;

  /** Output: class probabilities in the head's class order. */
  public static final String PROBABILITIES = "Identity";

  /** Output: the backbones' joined penultimate activations, [N, {@value #EMBEDDING_SIZE}]. */
  public static final String EMBEDDING = "embedding";

  /**
   * A trained head over the embedding.
   *
   * @param mean per-dimension mean subtracted first
   * @param scale per-dimension factor applied next (1 / standard deviation)
   * @param hidden width of the ReLU hidden layer, 0 for a linear head
   * @param w1 [{@value #EMBEDDING_SIZE}, hidden] row-major (empty when hidden is 0)
   * @param b1 [hidden]
   * @param w2 [hidden or {@value #EMBEDDING_SIZE}, classes] row-major
   * @param b2 [classes]
   */
  public record Head(
      float[] mean, float[] scale, int hidden, float[] w1, float[] b1, float[] w2, float[] b2) {
    public int classes() {
      return b2.length;
    }
  }

  /**
   * The head's class order, which is face-api's and the blend's output order ({@code
   * FaceHeadTraining.CLASSES} trains the head in it).
   */
  public static final List<String> CLASSES = FaceApiExpressionGraph.CLASSES;

  /** The blend's weight on the no-flip ensemble, and 1 minus it on the head (ADR 0058). */
  public static final float BLEND_ENSEMBLE_WEIGHT = 0.5f;

  private final OnnxGraphBuilder graph;

  private FaceHeadGraph(String name) {
    graph = new OnnxGraphBuilder(name);
  }

  private FaceHeadGraph(boolean flip) {
    this(flip ? "expression_head_flip" : "expression_head");
  }

  /**
   * The graph over the two backbones.
   *
   * @param head the head, or null for a graph that outputs only the embedding (for training)
   * @param flip whether the backbones also run on the mirrored face
   * @throws ConversionException when a backbone lacks the tensors named here
   */
  public static ModelProto build(
      ModelProto miniXception, ModelProto faceApi, Head head, boolean flip)
      throws ConversionException {
    return new FaceHeadGraph(flip).run(miniXception, faceApi, head, flip);
  }

  /**
   * The blend of ADR 0058 in one graph, no mirror-image pass: each backbone copied once with its
   * own classifier, the no-flip ensemble (the mean of the mini-Xception's probabilities, reordered
   * to {@link #CLASSES}, and face-api's, as {@code face-expression-ensemble-noflip} computes it),
   * the head's probabilities over the same {@value #EMBEDDING_SIZE}-value embedding, and {@value
   * #PROBABILITIES} = the mean of the two (0.25 mini-Xception + 0.25 face-api + 0.5 head) in {@link
   * #CLASSES} order; {@value #EMBEDDING} as the head graph's.
   *
   * @param head the trained head, its output in {@link #CLASSES} order
   * @throws ConversionException when a backbone lacks the tensors named here
   */
  public static ModelProto blend(ModelProto miniXception, ModelProto faceApi, Head head)
      throws ConversionException {
    if (head.classes() != CLASSES.size()) {
      throw new ConversionException(
          "the head has " + head.classes() + " classes; the blend needs " + CLASSES);
    }
    return new FaceHeadGraph("expression_blend").runBlend(miniXception, faceApi, head);
  }

  /**
   * The head inside a graph this class built ({@code face-expression-head}'s model), read back from
   * its {@code head/} initializers unchanged.
   *
   * @throws ConversionException when the graph holds no linear or one-hidden-layer head
   */
  public static Head headOf(ModelProto headGraph) throws ConversionException {
    Map<String, float[]> found = new HashMap<>();
    for (TensorProto t : headGraph.getGraph().getInitializerList()) {
      if (t.getName().startsWith("head/")) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE || t.getRawData().isEmpty()) {
          throw new ConversionException(t.getName() + " is not a raw float32 tensor");
        }
        float[] values = new float[t.getRawData().size() / Float.BYTES];
        t.getRawData()
            .asReadOnlyByteBuffer()
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(values);
        found.put(t.getName(), values);
      }
    }
    for (String name : List.of("head/mean", "head/scale", "head/w2", "head/b2")) {
      if (!found.containsKey(name)) {
        throw new ConversionException("the head graph has no initializer '" + name + "'");
      }
    }
    float[] none = new float[0];
    float[] b1 = found.getOrDefault("head/b1", none);
    return new Head(
        found.get("head/mean"),
        found.get("head/scale"),
        b1.length,
        found.getOrDefault("head/w1", none),
        b1,
        found.get("head/w2"),
        found.get("head/b2"));
  }

  private ModelProto runBlend(ModelProto miniXception, ModelProto faceApi, Head head)
      throws ConversionException {
    String mxIn = input(miniXception, ExpressionEnsembleToOnnx.MINI_XCEPTION_INPUT, "mx", false);
    String faIn = input(faceApi, FaceApiExpressionGraph.INPUT, "fa", false);
    List<String> mx =
        graph.copy(
            miniXception.getGraph(),
            "mx",
            graphInputOf(miniXception.getGraph()),
            mxIn,
            List.of(MINI_XCEPTION_FEATURE_MAP, ExpressionEnsembleToOnnx.MINI_XCEPTION_OUTPUT),
            true);
    List<String> fa =
        graph.copy(
            faceApi.getGraph(),
            "fa",
            graphInputOf(faceApi.getGraph()),
            faIn,
            List.of(FaceApiExpressionGraph.FEATURES, FaceApiExpressionGraph.PROBABILITIES),
            true);
    graph.node(
        "ReduceMean",
        "mx/embedding",
        List.of(mx.get(0)),
        OnnxGraphBuilder.ints("axes", 2, 3),
        OnnxGraphBuilder.intAttr("keepdims", 0));
    graph.node(
        "Concat",
        "joined",
        List.of("mx/embedding", fa.get(0)),
        OnnxGraphBuilder.intAttr("axis", 1));
    String headProbabilities =
        graph.node(
            "Softmax",
            "head/probabilities",
            List.of(head(head, "joined")),
            OnnxGraphBuilder.intAttr("axis", 1));
    long[] order = new long[CLASSES.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = ExpressionEnsembleToOnnx.MINI_XCEPTION_CLASSES.indexOf(CLASSES.get(i));
    }
    graph.initializer(
        TfjsToOnnxConverter.longTensor("mx/class_order", new long[] {order.length}, order));
    graph.node(
        "Gather",
        "mx/reordered",
        List.of(mx.get(1), "mx/class_order"),
        OnnxGraphBuilder.intAttr("axis", 1));
    graph.initializer(
        TfjsToOnnxConverter.floatTensor("member_weight", new long[] {}, new float[] {0.5f}));
    graph.node("Add", "ensemble/sum", List.of("mx/reordered", fa.get(1)));
    graph.node("Mul", "ensemble", List.of("ensemble/sum", "member_weight"));
    graph.initializer(
        TfjsToOnnxConverter.floatTensor(
            "blend/ensemble_weight", new long[] {}, new float[] {BLEND_ENSEMBLE_WEIGHT}));
    graph.initializer(
        TfjsToOnnxConverter.floatTensor(
            "blend/head_weight", new long[] {}, new float[] {1 - BLEND_ENSEMBLE_WEIGHT}));
    graph.node("Mul", "blend/ensemble", List.of("ensemble", "blend/ensemble_weight"));
    graph.node("Mul", "blend/head", List.of(headProbabilities, "blend/head_weight"));
    graph.node("Add", PROBABILITIES, List.of("blend/ensemble", "blend/head"));
    graph.floatOutput(PROBABILITIES, -1, CLASSES.size());
    graph.node("Identity", EMBEDDING, List.of("joined"));
    graph.floatOutput(EMBEDDING, -1, EMBEDDING_SIZE);
    return graph.model("sentio expression-blend");
  }

  private ModelProto run(ModelProto miniXception, ModelProto faceApi, Head head, boolean flip)
      throws ConversionException {
    String mxIn = input(miniXception, ExpressionEnsembleToOnnx.MINI_XCEPTION_INPUT, "mx", flip);
    String faIn = input(faceApi, FaceApiExpressionGraph.INPUT, "fa", flip);
    String mxMap =
        graph.copy(
            miniXception.getGraph(),
            "mx",
            graphInputOf(miniXception.getGraph()),
            mxIn,
            MINI_XCEPTION_FEATURE_MAP,
            true);
    graph.node(
        "ReduceMean",
        "mx/embedding",
        List.of(mxMap),
        OnnxGraphBuilder.ints("axes", 2, 3),
        OnnxGraphBuilder.intAttr("keepdims", 0));
    String faFeatures =
        graph.copy(
            faceApi.getGraph(),
            "fa",
            graphInputOf(faceApi.getGraph()),
            faIn,
            FaceApiExpressionGraph.FEATURES,
            true);
    graph.node(
        "Concat",
        "joined",
        List.of("mx/embedding", faFeatures),
        OnnxGraphBuilder.intAttr("axis", 1));
    if (head != null) {
      String logits = head(head, "joined");
      graph.node(
          "Softmax",
          flip ? "both_probabilities" : PROBABILITIES,
          List.of(logits),
          OnnxGraphBuilder.intAttr("axis", 1));
      if (flip) {
        halvesMean("both_probabilities", head.classes(), PROBABILITIES);
      }
      graph.floatOutput(PROBABILITIES, -1, head.classes());
    }
    if (flip) {
      halvesMean("joined", EMBEDDING_SIZE, EMBEDDING);
    } else {
      graph.node("Identity", EMBEDDING, List.of("joined"));
    }
    graph.floatOutput(EMBEDDING, -1, EMBEDDING_SIZE);
    return graph.model("sentio expression-head");
  }

  /** Adds the member's input as a graph input; returns the tensor its backbone reads. */
  private String input(ModelProto member, String name, String prefix, boolean flip)
      throws ConversionException {
    ValueInfoProto declared = null;
    for (ValueInfoProto in : member.getGraph().getInputList()) {
      if (in.getName().equals(name)) {
        declared = in;
      }
    }
    if (declared == null) {
      throw new ConversionException("backbone " + prefix + " has no input '" + name + "'");
    }
    graph.input(declared);
    return flip ? graph.withMirrorImages(name, prefix) : name;
  }

  private static String graphInputOf(GraphProto source) throws ConversionException {
    Set<String> initializers = new HashSet<>();
    source.getInitializerList().forEach(t -> initializers.add(t.getName()));
    for (ValueInfoProto in : source.getInputList()) {
      if (!initializers.contains(in.getName())) {
        return in.getName();
      }
    }
    throw new ConversionException("backbone graph " + source.getName() + " has no input");
  }

  /** The head's nodes over {@code embedding}; returns the logits' name. */
  private String head(Head head, String embedding) {
    graph.initializer(
        TfjsToOnnxConverter.floatTensor(
            "head/mean", new long[] {EMBEDDING_SIZE}, head.mean().clone()));
    graph.initializer(
        TfjsToOnnxConverter.floatTensor(
            "head/scale", new long[] {EMBEDDING_SIZE}, head.scale().clone()));
    graph.node("Sub", "head/centred", List.of(embedding, "head/mean"));
    graph.node("Mul", "head/standardised", List.of("head/centred", "head/scale"));
    String x = "head/standardised";
    int width = EMBEDDING_SIZE;
    if (head.hidden() > 0) {
      graph.initializer(
          TfjsToOnnxConverter.floatTensor(
              "head/w1", new long[] {EMBEDDING_SIZE, head.hidden()}, head.w1().clone()));
      graph.initializer(
          TfjsToOnnxConverter.floatTensor(
              "head/b1", new long[] {head.hidden()}, head.b1().clone()));
      graph.node("MatMul", "head/h_mm", List.of(x, "head/w1"));
      graph.node("Add", "head/h_pre", List.of("head/h_mm", "head/b1"));
      graph.node("Relu", "head/hidden", List.of("head/h_pre"));
      x = "head/hidden";
      width = head.hidden();
    }
    graph.initializer(
        TfjsToOnnxConverter.floatTensor(
            "head/w2", new long[] {width, head.classes()}, head.w2().clone()));
    graph.initializer(
        TfjsToOnnxConverter.floatTensor("head/b2", new long[] {head.classes()}, head.b2().clone()));
    graph.node("MatMul", "head/logits_mm", List.of(x, "head/w2"));
    graph.node("Add", "head/logits", List.of("head/logits_mm", "head/b2"));
    return "head/logits";
  }

  /** The mean of the face half and the mirror half of a [2N, width] tensor, named {@code out}. */
  private void halvesMean(String stacked, int width, String out) {
    graph.halvesMean(stacked, width, out + "/halves_shape", out + "/halves", out);
  }
}
