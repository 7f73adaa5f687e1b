package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.Deque;
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

  private final GraphProto.Builder graph = GraphProto.newBuilder();

  private FaceHeadGraph() {}

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
    return new FaceHeadGraph().run(miniXception, faceApi, head, flip);
  }

  private ModelProto run(ModelProto miniXception, ModelProto faceApi, Head head, boolean flip)
      throws ConversionException {
    graph.setName(flip ? "expression_head_flip" : "expression_head");
    String mxIn = input(miniXception, ExpressionEnsembleToOnnx.MINI_XCEPTION_INPUT, "mx", flip);
    String faIn = input(faceApi, FaceApiExpressionGraph.INPUT, "fa", flip);
    String mxMap = copyNeeded(miniXception, "mx", mxIn, MINI_XCEPTION_FEATURE_MAP);
    graph.addNode(
        node("ReduceMean", "mx/embedding", List.of(mxMap)).toBuilder()
            .addAttribute(ints("axes", 2, 3))
            .addAttribute(intAttr("keepdims", 0)));
    String faFeatures = copyNeeded(faceApi, "fa", faIn, FaceApiExpressionGraph.FEATURES);
    graph.addNode(
        node("Concat", "joined", List.of("mx/embedding", faFeatures)).toBuilder()
            .addAttribute(intAttr("axis", 1)));
    if (head != null) {
      String logits = head(head, "joined");
      graph.addNode(
          node("Softmax", flip ? "both_probabilities" : PROBABILITIES, List.of(logits)).toBuilder()
              .addAttribute(intAttr("axis", 1)));
      if (flip) {
        halvesMean("both_probabilities", head.classes(), PROBABILITIES);
      }
      graph.addOutput(floatInfo(PROBABILITIES, -1, head.classes()));
    }
    if (flip) {
      halvesMean("joined", EMBEDDING_SIZE, EMBEDDING);
    } else {
      graph.addNode(node("Identity", EMBEDDING, List.of("joined")));
    }
    graph.addOutput(floatInfo(EMBEDDING, -1, EMBEDDING_SIZE));
    return ModelProto.newBuilder()
        .setIrVersion(TfjsToOnnxConverter.IR_VERSION)
        .setProducerName("sentio expression-head")
        .setProducerVersion("1.0.0")
        .addOpsetImport(
            OperatorSetIdProto.newBuilder().setDomain("").setVersion(TfjsToOnnxConverter.OPSET))
        .setGraph(graph)
        .build();
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
    graph.addInput(declared);
    if (!flip) {
      return name;
    }
    String p = prefix + "/";
    graph.addInitializer(
        TfjsToOnnxConverter.longTensor(p + "flip/starts", new long[] {1}, new long[] {-1}));
    graph.addInitializer(
        TfjsToOnnxConverter.longTensor(
            p + "flip/ends", new long[] {1}, new long[] {Long.MIN_VALUE}));
    graph.addInitializer(
        TfjsToOnnxConverter.longTensor(p + "flip/axes", new long[] {1}, new long[] {2}));
    graph.addInitializer(
        TfjsToOnnxConverter.longTensor(p + "flip/steps", new long[] {1}, new long[] {-1}));
    graph.addNode(
        node(
            "Slice",
            p + "mirrored",
            List.of(name, p + "flip/starts", p + "flip/ends", p + "flip/axes", p + "flip/steps")));
    graph.addNode(
        node("Concat", p + "both", List.of(name, p + "mirrored")).toBuilder()
            .addAttribute(intAttr("axis", 0)));
    return p + "both";
  }

  /**
   * Copies, under {@code prefix}, the member's nodes and initializers that {@code target} depends
   * on, in the member's order; returns the target's new name.
   */
  private String copyNeeded(ModelProto member, String prefix, String fedInput, String target)
      throws ConversionException {
    GraphProto source = member.getGraph();
    Map<String, NodeProto> producer = new HashMap<>();
    for (NodeProto n : source.getNodeList()) {
      for (String out : n.getOutputList()) {
        producer.put(out, n);
      }
    }
    if (!producer.containsKey(target)) {
      throw new ConversionException("backbone " + prefix + " has no tensor '" + target + "'");
    }
    Set<String> neededTensors = new HashSet<>();
    Set<NodeProto> neededNodes = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(target));
    while (!todo.isEmpty()) {
      String tensor = todo.pop();
      if (tensor.isEmpty() || !neededTensors.add(tensor)) {
        continue;
      }
      NodeProto n = producer.get(tensor);
      if (n != null && neededNodes.add(n)) {
        todo.addAll(n.getInputList());
      }
    }
    String p = prefix + "/";
    Map<String, String> names = new HashMap<>();
    names.put(graphInputOf(source), fedInput);
    for (TensorProto init : source.getInitializerList()) {
      if (neededTensors.contains(init.getName())) {
        names.put(init.getName(), p + init.getName());
        graph.addInitializer(init.toBuilder().setName(p + init.getName()));
      }
    }
    for (NodeProto n : source.getNodeList()) {
      if (!neededNodes.contains(n)) {
        continue;
      }
      NodeProto.Builder copy = n.toBuilder().setName(p + n.getName()).clearInput().clearOutput();
      for (String in : n.getInputList()) {
        copy.addInput(in.isEmpty() ? in : names.computeIfAbsent(in, k -> p + k));
      }
      for (String out : n.getOutputList()) {
        copy.addOutput(names.computeIfAbsent(out, k -> p + k));
      }
      graph.addNode(copy);
    }
    return names.get(target);
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
    graph.addInitializer(
        TfjsToOnnxConverter.floatTensor(
            "head/mean", new long[] {EMBEDDING_SIZE}, head.mean().clone()));
    graph.addInitializer(
        TfjsToOnnxConverter.floatTensor(
            "head/scale", new long[] {EMBEDDING_SIZE}, head.scale().clone()));
    graph.addNode(node("Sub", "head/centred", List.of(embedding, "head/mean")));
    graph.addNode(node("Mul", "head/standardised", List.of("head/centred", "head/scale")));
    String x = "head/standardised";
    int width = EMBEDDING_SIZE;
    if (head.hidden() > 0) {
      graph.addInitializer(
          TfjsToOnnxConverter.floatTensor(
              "head/w1", new long[] {EMBEDDING_SIZE, head.hidden()}, head.w1().clone()));
      graph.addInitializer(
          TfjsToOnnxConverter.floatTensor(
              "head/b1", new long[] {head.hidden()}, head.b1().clone()));
      graph.addNode(node("MatMul", "head/h_mm", List.of(x, "head/w1")));
      graph.addNode(node("Add", "head/h_pre", List.of("head/h_mm", "head/b1")));
      graph.addNode(node("Relu", "head/hidden", List.of("head/h_pre")));
      x = "head/hidden";
      width = head.hidden();
    }
    graph.addInitializer(
        TfjsToOnnxConverter.floatTensor(
            "head/w2", new long[] {width, head.classes()}, head.w2().clone()));
    graph.addInitializer(
        TfjsToOnnxConverter.floatTensor("head/b2", new long[] {head.classes()}, head.b2().clone()));
    graph.addNode(node("MatMul", "head/logits_mm", List.of(x, "head/w2")));
    graph.addNode(node("Add", "head/logits", List.of("head/logits_mm", "head/b2")));
    return "head/logits";
  }

  /** The mean of the face half and the mirror half of a [2N, width] tensor, named {@code out}. */
  private void halvesMean(String stacked, int width, String out) {
    graph.addInitializer(
        TfjsToOnnxConverter.longTensor(
            out + "/halves_shape", new long[] {3}, new long[] {2, -1, width}));
    graph.addNode(node("Reshape", out + "/halves", List.of(stacked, out + "/halves_shape")));
    graph.addNode(
        node("ReduceMean", out, List.of(out + "/halves")).toBuilder()
            .addAttribute(ints("axes", 0))
            .addAttribute(intAttr("keepdims", 0)));
  }

  private static NodeProto node(String op, String output, List<String> inputs) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(output)
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static ValueInfoProto floatInfo(String name, long... shape) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : shape) {
      s.addDim(
          d >= 0
              ? TensorShapeProto.Dimension.newBuilder().setDimValue(d)
              : TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(s)))
        .build();
  }
}
