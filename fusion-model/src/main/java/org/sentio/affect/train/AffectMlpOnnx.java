package org.sentio.affect.train;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes an {@link AffectMlp} as an ONNX graph (IR 8, opset 17) with input {@value #INPUT} [N, D]
 * and outputs {@value #EMOTIONS} [N, 7] (softmax, {@link org.sentio.affect.Emotion} order), {@value
 * #VALENCE} [N, 1] and, when trained, {@value #AROUSAL} [N, 1] (both tanh, in [-1, 1]).
 *
 * <p>With standardisation the graph computes {@code (x - mean) / scale} and replaces NaN (a
 * measurement that could not be made) by 0, the training mean. The bytes depend only on the weights
 * and the producer string, so the same weights give the same file.
 */
public final class AffectMlpOnnx {
  public static final String INPUT = "features";
  public static final String EMOTIONS = "emotions";
  public static final String VALENCE = "valence";
  public static final String AROUSAL = "arousal";

  /** The optional output holding the hidden layer (after ReLU), [N, hidden size]. */
  public static final String EMBEDDING = "embedding";

  private AffectMlpOnnx() {}

  /** The serialised model. */
  public static byte[] write(AffectMlp mlp, String producer, String docString) {
    return write(mlp, producer, docString, false);
  }

  /**
   * The serialised model; with {@code embedding} (and a hidden layer) the graph also outputs the
   * hidden layer as {@value #EMBEDDING}, after the other outputs, for fusion models that read more
   * than probabilities.
   */
  public static byte[] write(AffectMlp mlp, String producer, String docString, boolean embedding) {
    if (embedding && mlp.hiddenSize() == 0) {
      throw new IllegalArgumentException("a linear model has no hidden layer to output");
    }
    GraphProto.Builder graph = GraphProto.newBuilder().setName("affect_mlp");
    graph.addInput(value(INPUT, mlp.inputSize()));
    String x = INPUT;
    if (mlp.standardises()) {
      graph.addInitializer(
          OnnxInitializers.floats("mean", new long[] {mlp.inputSize()}, mlp.mean()));
      graph.addInitializer(
          OnnxInitializers.floats("scale", new long[] {mlp.inputSize()}, mlp.scale()));
      graph.addInitializer(OnnxInitializers.floats("zero", new long[] {}, new float[] {0f}));
      graph.addNode(node("Sub", new String[] {x, "mean"}, "centred"));
      graph.addNode(node("Div", new String[] {"centred", "scale"}, "scaled"));
      graph.addNode(node("IsNaN", new String[] {"scaled"}, "missing"));
      graph.addNode(node("Where", new String[] {"missing", "zero", "scaled"}, "standardised"));
      x = "standardised";
    }
    if (mlp.hiddenSize() > 0) {
      graph.addInitializer(
          OnnxInitializers.floats("w1", new long[] {mlp.inputSize(), mlp.hiddenSize()}, mlp.w1()));
      graph.addInitializer(OnnxInitializers.floats("b1", new long[] {mlp.hiddenSize()}, mlp.b1()));
      graph.addNode(node("Gemm", new String[] {x, "w1", "b1"}, "hidden_linear"));
      graph.addNode(node("Relu", new String[] {"hidden_linear"}, "hidden"));
      x = "hidden";
    }
    int width = mlp.headInputSize();
    graph.addInitializer(OnnxInitializers.floats("wc", new long[] {width, 7}, mlp.wc()));
    graph.addInitializer(OnnxInitializers.floats("bc", new long[] {7}, mlp.bc()));
    graph.addNode(node("Gemm", new String[] {x, "wc", "bc"}, "logits"));
    graph.addNode(
        node("Softmax", new String[] {"logits"}, EMOTIONS).toBuilder()
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("axis")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(1))
            .build());
    graph.addOutput(value(EMOTIONS, 7));
    head(graph, x, width, "v", mlp.wv(), mlp.bv(), VALENCE);
    if (mlp.hasArousal()) {
      head(graph, x, width, "a", mlp.wa(), mlp.ba(), AROUSAL);
    }
    if (embedding) {
      graph.addNode(node("Identity", new String[] {x}, EMBEDDING));
      graph.addOutput(value(EMBEDDING, width));
    }
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName(producer)
        .setDocString(docString)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  /** Reads the weights back from a graph {@link #write} made. */
  public static AffectMlp read(byte[] onnx) throws java.io.IOException {
    GraphProto graph = ModelProto.parseFrom(onnx).getGraph();
    java.util.Map<String, float[]> weights = new java.util.HashMap<>();
    java.util.Map<String, java.util.List<Long>> dims = new java.util.HashMap<>();
    for (TensorProto t : graph.getInitializerList()) {
      java.nio.FloatBuffer floats =
          ByteBuffer.wrap(t.getRawData().toByteArray())
              .order(ByteOrder.LITTLE_ENDIAN)
              .asFloatBuffer();
      float[] values = new float[floats.remaining()];
      floats.get(values);
      weights.put(t.getName(), values);
      dims.put(t.getName(), t.getDimsList());
    }
    int hidden = weights.containsKey("w1") ? dims.get("w1").get(1).intValue() : 0;
    int input =
        (int) graph.getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue();
    return new AffectMlp(
        input,
        hidden,
        weights.get("mean"),
        weights.get("scale"),
        weights.get("w1"),
        weights.get("b1"),
        weights.get("wc"),
        weights.get("bc"),
        weights.get("wv"),
        weights.get("bv"),
        weights.get("wa"),
        weights.get("ba"));
  }

  private static void head(
      GraphProto.Builder graph, String x, int width, String id, float[] w, float[] b, String out) {
    graph.addInitializer(OnnxInitializers.floats("w" + id, new long[] {width, 1}, w));
    graph.addInitializer(OnnxInitializers.floats("b" + id, new long[] {1}, b));
    graph.addNode(node("Gemm", new String[] {x, "w" + id, "b" + id}, out + "_linear"));
    graph.addNode(node("Tanh", new String[] {out + "_linear"}, out));
    graph.addOutput(value(out, 1));
  }

  private static NodeProto node(String op, String[] inputs, String output) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(output + "_" + op);
    for (String input : inputs) {
      node.addInput(input);
    }
    return node.addOutput(output).build();
  }

  private static ValueInfoProto value(String name, int width) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
            .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }
}
