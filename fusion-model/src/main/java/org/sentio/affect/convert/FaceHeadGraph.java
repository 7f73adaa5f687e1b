package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
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

  private final OnnxGraphBuilder graph;

  private FaceHeadGraph(boolean flip) {
    graph = new OnnxGraphBuilder(flip ? "expression_head_flip" : "expression_head");
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
