package org.sentio.affect.convert;

import static org.sentio.affect.convert.OnnxGraphBuilder.floatAttr;
import static org.sentio.affect.convert.OnnxGraphBuilder.intAttr;
import static org.sentio.affect.convert.OnnxGraphBuilder.ints;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sentio.affect.convert.TfjsGraphModel.Node;
import org.sentio.affect.convert.TfjsGraphModel.Weight;

/**
 * Translates a {@link TfjsGraphModel} into an ONNX model (IR {@value #IR_VERSION}, opset {@value
 * #OPSET}).
 *
 * <p>Layout: the ONNX inputs and outputs keep TensorFlow's NHWC layout, so they are the same
 * tensors TF.js takes and returns. Inside the graph every 4-D activation is kept in NCHW (one
 * Transpose after each 4-D input); ops whose meaning depends on axis order (Reshape, Squeeze, Mean
 * over other axes, outputs) get a Transpose back to NHWC first, and axis-valued attributes (Pad,
 * Concat, Mean, Softmax) are remapped. Weights are re-laid-out at conversion time: Conv2D {@code
 * [kh,kw,in,out] -> [out,in,kh,kw]}, depthwise {@code [kh,kw,in,m] -> [in*m,1,kh,kw]} with {@code
 * group = in}. TensorFlow SAME padding becomes explicit (possibly asymmetric) ONNX pads.
 *
 * <p>The output is deterministic: nodes are emitted in a depth-first order from the sorted output
 * names and initializers in first-use order, so the same input gives the same bytes.
 */
public final class TfjsToOnnxConverter {
  public static final String NAME = "sentio tfjs-to-onnx";
  public static final String VERSION = "1.0.0";
  public static final int OPSET = 17;
  public static final int IR_VERSION = 8;

  /** NCHW axis j holds logical (NHWC) axis {@code TO_NCHW[j]}. */
  private static final int[] TO_NCHW = {0, 3, 1, 2};

  /** Logical (NHWC) axis a lives at NCHW position {@code NHWC_AXIS_IN_NCHW[a]}. */
  private static final int[] NHWC_AXIS_IN_NCHW = {0, 2, 3, 1};

  /** The ops this converter translates. */
  public static final Set<String> SUPPORTED_OPS =
      Set.of(
          "Placeholder",
          "Const",
          "Identity",
          "StopGradient",
          "Snapshot",
          "_FusedConv2D",
          "Conv2D",
          "DepthwiseConv2dNative",
          "_FusedDepthwiseConv2dNative",
          "MaxPool",
          "AvgPool",
          "Add",
          "AddV2",
          "Sub",
          "Mul",
          "RealDiv",
          "Maximum",
          "Minimum",
          "Relu",
          "Relu6",
          "Elu",
          "LeakyRelu",
          "Sigmoid",
          "Tanh",
          "Prelu",
          "Pad",
          "PadV2",
          "Reshape",
          "Squeeze",
          "Mean",
          "Max",
          "Softmax",
          "ConcatV2");

  /** A translated tensor: its ONNX name, its logical (TF) shape, and where its data lives. */
  private record Value(String name, long[] shape, boolean nchw, Weight constant) {
    boolean isConst() {
      return constant != null;
    }

    int rank() {
      return shape.length;
    }
  }

  private final TfjsGraphModel model;
  private final Map<String, Node> nodesByName = new HashMap<>();
  private final Map<String, Value> values = new HashMap<>();
  private final Set<String> visiting = new HashSet<>();
  private final Set<String> usedNames = new HashSet<>();
  private final Map<String, String> cache = new HashMap<>();
  private final GraphProto.Builder graph = GraphProto.newBuilder();

  private TfjsToOnnxConverter(TfjsGraphModel model) {
    this.model = model;
    for (Node node : model.nodes()) {
      nodesByName.put(node.name(), node);
    }
  }

  /** Converts {@code model}; {@code graphName} names the ONNX graph. */
  public static ModelProto convert(TfjsGraphModel model, String graphName)
      throws ConversionException {
    return new TfjsToOnnxConverter(model).run(graphName);
  }

  private ModelProto run(String graphName) throws ConversionException {
    graph.setName(graphName);
    List<String> outputs = model.outputNames();
    if (outputs.isEmpty()) {
      outputs = danglingNodes();
    }
    for (String output : outputs) {
      Value value = translate(output);
      if (value.isConst()) {
        throw new ConversionException("output '" + output + "' is a constant");
      }
      String nhwc = toNative(value);
      if (!nhwc.equals(output)) {
        claim(output);
        graph.addNode(node("Identity", output, List.of(nhwc), output));
      }
      graph.addOutput(valueInfo(output, TensorProto.DataType.FLOAT_VALUE, value.shape()));
    }
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName(NAME)
        .setProducerVersion(VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph)
        .build();
  }

  private List<String> danglingNodes() {
    Set<String> consumed = new HashSet<>();
    for (Node node : model.nodes()) {
      for (int i = 0; i < node.inputs().size(); i++) {
        consumed.add(TfjsGraphModel.baseName(node.inputs().get(i)));
      }
    }
    return model.nodes().stream()
        .filter(n -> !consumed.contains(n.name()) && !n.op().equals("Const"))
        .map(Node::name)
        .sorted()
        .toList();
  }

  // ---------------------------------------------------------------- traversal

  private Value translate(String name) throws ConversionException {
    Value done = values.get(name);
    if (done != null) {
      return done;
    }
    Node node = nodesByName.get(name);
    if (node == null) {
      throw new ConversionException("the graph names a tensor '" + name + "' that no node makes");
    }
    if (!visiting.add(name)) {
      throw new ConversionException("cycle in the graph at node '" + name + "'");
    }
    for (String input : node.inputs()) {
      if (input.startsWith("^")) {
        continue;
      }
      int colon = input.indexOf(':');
      if (colon >= 0 && !input.substring(colon + 1).equals("0")) {
        throw new ConversionException(
            "node '" + name + "' reads output " + input + "; only single-output ops are supported");
      }
      translate(TfjsGraphModel.baseName(input));
    }
    Value value = translateNode(node);
    visiting.remove(name);
    values.put(name, value);
    return value;
  }

  private Value in(Node node, int i) throws ConversionException {
    if (i >= node.inputCount()) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "' lacks input " + i + " of its expected inputs");
    }
    return values.get(node.input(i));
  }

  private Weight constIn(Node node, int i) throws ConversionException {
    Value v = in(node, i);
    if (!v.isConst()) {
      throw new ConversionException(
          node.op()
              + " node '"
              + node.name()
              + "': input "
              + i
              + " must be a constant, but '"
              + node.input(i)
              + "' is computed");
    }
    return v.constant();
  }

  private Value translateNode(Node node) throws ConversionException {
    return switch (node.op()) {
      case "Placeholder" -> placeholder(node);
      case "Const" -> constant(node);
      case "Identity", "StopGradient", "Snapshot" -> in(node, 0);
      case "_FusedConv2D", "Conv2D" -> convolution(node, false);
      case "DepthwiseConv2dNative", "_FusedDepthwiseConv2dNative" -> convolution(node, true);
      case "MaxPool", "AvgPool" -> pool(node);
      case "Add", "AddV2" -> binary(node, "Add");
      case "Sub" -> binary(node, "Sub");
      case "Mul" -> binary(node, "Mul");
      case "RealDiv" -> binary(node, "Div");
      case "Maximum" -> binary(node, "Max");
      case "Minimum" -> binary(node, "Min");
      case "Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh" -> unary(node);
      case "Prelu" -> prelu(node);
      case "Pad", "PadV2" -> pad(node);
      case "Reshape" -> reshape(node);
      case "Squeeze" -> squeeze(node);
      case "Mean", "Max" -> reduce(node);
      case "Softmax" -> softmax(node);
      case "ConcatV2" -> concat(node);
      default -> throw ConversionException.unsupportedOp(node.op(), node.name());
    };
  }

  // ---------------------------------------------------------------- ops

  private Value placeholder(Node node) throws ConversionException {
    long[] shape = node.shape();
    String dtype = node.attrs().path("dtype").path("type").asText("DT_FLOAT");
    if (!dtype.equals("DT_FLOAT")) {
      throw new ConversionException(
          "Placeholder '" + node.name() + "' has dtype " + dtype + "; only float32 inputs");
    }
    claim(node.name());
    graph.addInput(valueInfo(node.name(), TensorProto.DataType.FLOAT_VALUE, shape));
    Value input = new Value(node.name(), shape, false, null);
    if (shape.length == 4) {
      return new Value(toNchw(input), shape, true, null);
    }
    return input;
  }

  private Value constant(Node node) throws ConversionException {
    Weight weight = model.weights().get(node.name());
    if (weight == null) {
      weight = inlineConstant(node);
    }
    return new Value(node.name(), weight.shape(), false, weight);
  }

  private static Weight inlineConstant(Node node) throws ConversionException {
    var tensor = node.attrs().path("value").path("tensor");
    String dtype = tensor.path("dtype").asText();
    var dims = tensor.path("tensorShape").path("dim");
    long[] shape = new long[dims.size()];
    long size = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i).path("size").asLong();
      size *= shape[i];
    }
    if (dtype.equals("DT_INT32") && tensor.has("intVal")) {
      int[] v = new int[(int) size];
      var list = tensor.path("intVal");
      for (int i = 0; i < v.length; i++) {
        v[i] = list.get(Math.min(i, list.size() - 1)).asInt();
      }
      return new Weight(node.name(), "int32", shape, null, v);
    }
    if (dtype.equals("DT_FLOAT") && tensor.has("floatVal")) {
      float[] v = new float[(int) size];
      var list = tensor.path("floatVal");
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) list.get(Math.min(i, list.size() - 1)).asDouble();
      }
      return new Weight(node.name(), "float32", shape, v, null);
    }
    throw new ConversionException(
        "Const node '" + node.name() + "' has no weight in weightsManifest and no inline value");
  }

  private Value convolution(Node node, boolean depthwise) throws ConversionException {
    String format = node.string("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "' uses data_format " + format + "; only NHWC");
    }
    Value x = in(node, 0);
    if (x.rank() != 4) {
      throw new ConversionException(node.op() + " node '" + node.name() + "' needs a 4-D input");
    }
    Weight w = constIn(node, 1);
    if (w.floats() == null || w.shape().length != 4) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "': filter must be a 4-D float constant");
    }
    long[] strides = orDefault(node.ints("strides"));
    long[] dilations = orDefault(node.ints("dilations"));
    int kh = (int) w.shape()[0];
    int kw = (int) w.shape()[1];
    int cin = (int) w.shape()[2];
    int last = (int) w.shape()[3];
    int cout = depthwise ? cin * last : last;
    long[] pads = spatialPads(node, x.shape(), kh, kw, strides, dilations);

    String prefix = node.name();
    String weightName =
        cachedInitializer(
            prefix + "/filter_oihw",
            () ->
                floatTensor(
                    prefix + "/filter_oihw",
                    new long[] {cout, depthwise ? 1 : cin, kh, kw},
                    depthwise
                        ? depthwiseToOnnx(w.floats(), kh, kw, cin, last)
                        : conv2dToOnnx(w.floats(), kh, kw, cin, last)));
    List<String> inputs = new ArrayList<>(List.of(toNchw(x), weightName));

    List<String> fused = new ArrayList<>(node.strings("fused_ops"));
    int extra = 2;
    if (!fused.isEmpty()) {
      if (!fused.get(0).equals("BiasAdd")) {
        throw new ConversionException(
            node.op()
                + " node '"
                + node.name()
                + "' fuses '"
                + fused.get(0)
                + "'; only BiasAdd followed by an activation is supported");
      }
      Weight bias = constIn(node, extra++);
      inputs.add(materialize(bias, bias.name()));
      fused.remove(0);
    }
    long[] outShape = {
      x.shape()[0],
      outputLength(x.shape()[1], kh, strides[1], dilations[1], pads[0] + pads[2]),
      outputLength(x.shape()[2], kw, strides[2], dilations[2], pads[1] + pads[3]),
      cout
    };
    String convOut = fused.isEmpty() ? prefix : prefix + "/conv";
    claim(convOut);
    NodeProto.Builder conv = node("Conv", convOut, inputs, convOut).toBuilder();
    conv.addAttribute(ints("strides", strides[1], strides[2]));
    conv.addAttribute(ints("dilations", dilations[1], dilations[2]));
    conv.addAttribute(ints("pads", pads));
    conv.addAttribute(ints("kernel_shape", kh, kw));
    conv.addAttribute(intAttr("group", depthwise ? cin : 1));
    graph.addNode(conv);
    if (fused.isEmpty()) {
      return new Value(convOut, outShape, true, null);
    }
    if (fused.size() > 1) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "' fuses more than one activation: " + fused);
    }
    String activation = fused.get(0);
    if (activation.equals("Prelu")) {
      Weight alpha = constIn(node, extra);
      String alphaName = materializeChannelVector(alpha, cout, node);
      claim(prefix);
      graph.addNode(node("PRelu", prefix, List.of(convOut, alphaName), prefix));
      return new Value(prefix, outShape, true, null);
    }
    emitActivation(node, activation, convOut, prefix);
    return new Value(prefix, outShape, true, null);
  }

  private long[] spatialPads(
      Node node, long[] inShape, int kh, int kw, long[] strides, long[] dilations)
      throws ConversionException {
    String padding = node.string("padding", "VALID");
    switch (padding) {
      case "VALID":
        return new long[] {0, 0, 0, 0};
      case "SAME":
        if (inShape[1] < 0 || inShape[2] < 0) {
          throw new ConversionException(
              node.op() + " node '" + node.name() + "': SAME padding needs known height and width");
        }
        long[] ph = Padding.same(inShape[1], kh, strides[1], dilations[1]);
        long[] pw = Padding.same(inShape[2], kw, strides[2], dilations[2]);
        return new long[] {ph[0], pw[0], ph[1], pw[1]};
      case "EXPLICIT":
        long[] e = node.ints("explicit_paddings");
        if (e.length != 8) {
          throw new ConversionException(
              node.op() + " node '" + node.name() + "': explicit_paddings must hold 8 values");
        }
        return new long[] {e[2], e[4], e[3], e[5]};
      default:
        throw new ConversionException(
            node.op() + " node '" + node.name() + "' has unknown padding '" + padding + "'");
    }
  }

  private static long outputLength(long in, long k, long s, long d, long padTotal) {
    if (in < 0) {
      return -1;
    }
    return (in + padTotal - Padding.effectiveKernel(k, d)) / s + 1;
  }

  private static long[] orDefault(long[] nhwc) {
    return nhwc.length == 4 ? nhwc : new long[] {1, 1, 1, 1};
  }

  /** {@code [kh,kw,in,out] -> [out,in,kh,kw]}. */
  static float[] conv2dToOnnx(float[] w, int kh, int kw, int cin, int cout) {
    float[] out = new float[w.length];
    for (int y = 0; y < kh; y++) {
      for (int x = 0; x < kw; x++) {
        for (int i = 0; i < cin; i++) {
          for (int o = 0; o < cout; o++) {
            out[((o * cin + i) * kh + y) * kw + x] = w[((y * kw + x) * cin + i) * cout + o];
          }
        }
      }
    }
    return out;
  }

  /** {@code [kh,kw,in,m] -> [in*m,1,kh,kw]}: output channel {@code c*m + j} as in TensorFlow. */
  static float[] depthwiseToOnnx(float[] w, int kh, int kw, int cin, int mult) {
    float[] out = new float[w.length];
    for (int y = 0; y < kh; y++) {
      for (int x = 0; x < kw; x++) {
        for (int c = 0; c < cin; c++) {
          for (int j = 0; j < mult; j++) {
            out[((c * mult + j) * kh + y) * kw + x] = w[((y * kw + x) * cin + c) * mult + j];
          }
        }
      }
    }
    return out;
  }

  private void emitActivation(Node node, String activation, String input, String output)
      throws ConversionException {
    claim(output);
    switch (activation) {
      case "Relu" -> graph.addNode(node("Relu", output, List.of(input), output));
      case "Sigmoid" -> graph.addNode(node("Sigmoid", output, List.of(input), output));
      case "Tanh" -> graph.addNode(node("Tanh", output, List.of(input), output));
      case "Elu" ->
          graph.addNode(
              node("Elu", output, List.of(input), output).toBuilder()
                  .addAttribute(floatAttr("alpha", 1f)));
      case "LeakyRelu" ->
          graph.addNode(
              node("LeakyRelu", output, List.of(input), output).toBuilder()
                  .addAttribute(
                      floatAttr(
                          "alpha",
                          (float)
                              node.floating(
                                  node.op().equals("LeakyRelu") ? "alpha" : "leakyrelu_alpha",
                                  0.2))));
      case "Relu6" -> {
        String lo = scalarInitializer("relu6/min", 0f);
        String hi = scalarInitializer("relu6/max", 6f);
        graph.addNode(node("Clip", output, List.of(input, lo, hi), output));
      }
      default ->
          throw new ConversionException(
              node.op()
                  + " node '"
                  + node.name()
                  + "' uses activation '"
                  + activation
                  + "', which has no translation");
    }
  }

  private Value unary(Node node) throws ConversionException {
    Value x = in(node, 0);
    String input = x.nchw() ? x.name() : materializeIfConst(x);
    emitActivation(node, node.op(), input, node.name());
    return new Value(node.name(), x.shape(), x.nchw(), null);
  }

  private Value prelu(Node node) throws ConversionException {
    Value x = in(node, 0);
    Weight alpha = constIn(node, 1);
    String alphaName;
    if (x.nchw()) {
      alphaName = materializeChannelVector(alpha, x.shape()[3], node);
    } else {
      alphaName = materialize(alpha, alpha.name());
    }
    claim(node.name());
    graph.addNode(node("PRelu", node.name(), List.of(x.name(), alphaName), node.name()));
    return new Value(node.name(), x.shape(), x.nchw(), null);
  }

  /** A per-channel vector (any shape with {@code channels} elements) as {@code [C,1,1]}. */
  private String materializeChannelVector(Weight w, long channels, Node node)
      throws ConversionException {
    if (w.floats() == null || w.size() != channels) {
      throw new ConversionException(
          node.op()
              + " node '"
              + node.name()
              + "': expected "
              + channels
              + " per-channel values in '"
              + w.name()
              + "', found shape "
              + Arrays.toString(w.shape()));
    }
    String name = w.name() + "/c11";
    return cachedInitializer(
        name, () -> floatTensor(name, new long[] {channels, 1, 1}, w.floats()));
  }

  private Value pool(Node node) throws ConversionException {
    String format = node.string("data_format", "NHWC");
    if (!format.equals("NHWC")) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "' uses data_format " + format + "; only NHWC");
    }
    Value x = in(node, 0);
    long[] k = orDefault(node.ints("ksize"));
    long[] s = orDefault(node.ints("strides"));
    if (k[0] != 1 || k[3] != 1 || s[0] != 1 || s[3] != 1) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "' pools over batch or channels; not supported");
    }
    long[] ones = {1, 1, 1, 1};
    long[] pads = spatialPads(node, x.shape(), (int) k[1], (int) k[2], s, ones);
    long[] outShape = {
      x.shape()[0],
      outputLength(x.shape()[1], k[1], s[1], 1, pads[0] + pads[2]),
      outputLength(x.shape()[2], k[2], s[2], 1, pads[1] + pads[3]),
      x.shape()[3]
    };
    boolean max = node.op().equals("MaxPool");
    claim(node.name());
    NodeProto.Builder pool =
        node(max ? "MaxPool" : "AveragePool", node.name(), List.of(toNchw(x)), node.name())
            .toBuilder()
            .addAttribute(ints("kernel_shape", k[1], k[2]))
            .addAttribute(ints("strides", s[1], s[2]))
            .addAttribute(ints("pads", pads));
    if (!max) {
      // TensorFlow's SAME average pooling divides by the number of real pixels in the window.
      pool.addAttribute(intAttr("count_include_pad", 0));
    }
    graph.addNode(pool);
    return new Value(node.name(), outShape, true, null);
  }

  private Value binary(Node node, String onnxOp) throws ConversionException {
    Value a = in(node, 0);
    Value b = in(node, 1);
    if (a.isConst() && b.isConst()) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "' has only constant inputs (fold it first)");
    }
    // Stay in NCHW when one operand is NCHW and the other is a rank-4 activation or a constant
    // that can be re-laid-out to broadcast the same way; otherwise work in the TF layout.
    boolean nchw =
        (a.nchw() || b.nchw())
            && (a.isConst() ? a.rank() <= 4 : a.rank() == 4)
            && (b.isConst() ? b.rank() <= 4 : b.rank() == 4);
    String left = nchw ? operandNchw(a, node) : operandNative(a);
    String right = nchw ? operandNchw(b, node) : operandNative(b);
    long[] shape = broadcast(a.shape(), b.shape(), node);
    claim(node.name());
    graph.addNode(node(onnxOp, node.name(), List.of(left, right), node.name()));
    return new Value(node.name(), shape, nchw, null);
  }

  private String operandNchw(Value v, Node node) throws ConversionException {
    if (!v.isConst()) {
      return toNchw(v);
    }
    Weight w = v.constant();
    if (w.shape().length == 0 || w.size() == 1) {
      return materialize(w, w.name());
    }
    if (w.floats() == null || w.shape().length > 4) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "': cannot lay out constant '" + w.name() + "'");
    }
    long[] s4 = new long[4];
    Arrays.fill(s4, 1);
    System.arraycopy(w.shape(), 0, s4, 4 - w.shape().length, w.shape().length);
    String name = w.name() + "/nchw";
    return cachedInitializer(
        name,
        () ->
            floatTensor(
                name,
                new long[] {s4[0], s4[3], s4[1], s4[2]},
                transposeNhwcToNchw(w.floats(), s4)));
  }

  static float[] transposeNhwcToNchw(float[] data, long[] nhwc) {
    int n = (int) nhwc[0];
    int h = (int) nhwc[1];
    int wd = (int) nhwc[2];
    int c = (int) nhwc[3];
    float[] out = new float[data.length];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < wd; x++) {
          for (int k = 0; k < c; k++) {
            out[((b * c + k) * h + y) * wd + x] = data[((b * h + y) * wd + x) * c + k];
          }
        }
      }
    }
    return out;
  }

  private String operandNative(Value v) throws ConversionException {
    return v.isConst() ? materialize(v.constant(), v.constant().name()) : toNative(v);
  }

  private static long[] broadcast(long[] a, long[] b, Node node) throws ConversionException {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      int ia = i - (rank - a.length);
      int ib = i - (rank - b.length);
      long da = ia >= 0 ? a[ia] : 1;
      long db = ib >= 0 ? b[ib] : 1;
      if (da == 1) {
        out[i] = db;
      } else if (db == 1 || db == da || db < 0) {
        out[i] = da;
      } else if (da < 0) {
        out[i] = db;
      } else {
        throw new ConversionException(
            node.op()
                + " node '"
                + node.name()
                + "': shapes "
                + Arrays.toString(a)
                + " and "
                + Arrays.toString(b)
                + " do not broadcast");
      }
    }
    return out;
  }

  private Value pad(Node node) throws ConversionException {
    Value x = in(node, 0);
    Weight paddings = constIn(node, 1);
    int rank = x.rank();
    if (paddings.ints() == null || paddings.size() != 2L * rank) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "': paddings must be an int32 [rank, 2] constant");
    }
    boolean nchw = x.nchw() && rank == 4;
    long[] pads = new long[2 * rank];
    long[] outShape = x.shape().clone();
    for (int j = 0; j < rank; j++) {
      int logical = nchw ? TO_NCHW[j] : j;
      pads[j] = paddings.ints()[2 * logical];
      pads[rank + j] = paddings.ints()[2 * logical + 1];
    }
    for (int a = 0; a < rank; a++) {
      if (outShape[a] >= 0) {
        outShape[a] += paddings.ints()[2 * a] + paddings.ints()[2 * a + 1];
      }
    }
    String padsName = node.name() + "/pads";
    claim(padsName);
    graph.addInitializer(longTensor(padsName, new long[] {2L * rank}, pads));
    List<String> inputs = new ArrayList<>(List.of(nchw ? x.name() : operandNative(x), padsName));
    if (node.op().equals("PadV2")) {
      Weight fill = constIn(node, 2);
      inputs.add(materialize(fill, fill.name()));
    }
    claim(node.name());
    graph.addNode(
        node("Pad", node.name(), inputs, node.name()).toBuilder()
            .addAttribute(stringAttr("mode", "constant")));
    return new Value(node.name(), outShape, nchw, null);
  }

  private Value reshape(Node node) throws ConversionException {
    Value x = in(node, 0);
    Weight shape = constIn(node, 1);
    if (shape.ints() == null) {
      throw new ConversionException(
          "Reshape node '" + node.name() + "': the target shape must be an int32 constant");
    }
    long[] target = Arrays.stream(shape.ints()).asLongStream().toArray();
    long known = 1;
    boolean inputKnown = true;
    for (long d : x.shape()) {
      if (d < 0) {
        inputKnown = false;
      } else {
        known *= d;
      }
    }
    long[] out = target.clone();
    long rest = 1;
    int free = -1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] < 0) {
        free = i;
      } else {
        rest *= out[i];
      }
    }
    if (free >= 0) {
      out[free] = inputKnown && rest > 0 ? known / rest : -1;
    }
    String shapeName = node.name() + "/shape";
    claim(shapeName);
    graph.addInitializer(longTensor(shapeName, new long[] {target.length}, target));
    claim(node.name());
    graph.addNode(node("Reshape", node.name(), List.of(operandNative(x), shapeName), node.name()));
    return new Value(node.name(), out, false, null);
  }

  private Value squeeze(Node node) throws ConversionException {
    Value x = in(node, 0);
    long[] dims = node.ints("squeeze_dims");
    int rank = x.rank();
    List<Long> axes = new ArrayList<>();
    for (long d : dims) {
      axes.add(d < 0 ? d + rank : d);
    }
    if (axes.isEmpty()) {
      for (int i = 0; i < rank; i++) {
        if (x.shape()[i] == 1) {
          axes.add((long) i);
        }
      }
    }
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (!axes.contains((long) i)) {
        kept.add(x.shape()[i]);
      }
    }
    String axesName = node.name() + "/axes";
    claim(axesName);
    graph.addInitializer(
        longTensor(
            axesName,
            new long[] {axes.size()},
            axes.stream().mapToLong(Long::longValue).toArray()));
    claim(node.name());
    graph.addNode(node("Squeeze", node.name(), List.of(operandNative(x), axesName), node.name()));
    return new Value(node.name(), kept.stream().mapToLong(Long::longValue).toArray(), false, null);
  }

  private Value reduce(Node node) throws ConversionException {
    Value x = in(node, 0);
    Weight axesWeight = constIn(node, 1);
    if (axesWeight.ints() == null) {
      throw new ConversionException(
          node.op() + " node '" + node.name() + "': reduction axes must be an int32 constant");
    }
    int rank = x.rank();
    Set<Integer> axes = new LinkedHashSet<>();
    for (int a : axesWeight.ints()) {
      axes.add(a < 0 ? a + rank : a);
    }
    boolean keep = node.bool("keep_dims", false);
    boolean nchw = x.nchw() && rank == 4;
    if (nchw && !keep) {
      // Without keep_dims the survivors must come out in NHWC order; NCHW order [0,3,1,2]
      // agrees with it whenever the channel axis is dropped or both H and W are.
      List<Integer> inNchw = new ArrayList<>();
      List<Integer> inNhwc = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        if (!axes.contains(TO_NCHW[j])) {
          inNchw.add(TO_NCHW[j]);
        }
        if (!axes.contains(j)) {
          inNhwc.add(j);
        }
      }
      nchw = inNchw.equals(inNhwc);
    }
    String input = nchw ? x.name() : operandNative(x);
    long[] onnxAxes = new long[axes.size()];
    int k = 0;
    for (int a : axes) {
      onnxAxes[k++] = nchw ? NHWC_AXIS_IN_NCHW[a] : a;
    }
    Arrays.sort(onnxAxes);
    List<Long> outShape = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (!axes.contains(i)) {
        outShape.add(x.shape()[i]);
      } else if (keep) {
        outShape.add(1L);
      }
    }
    claim(node.name());
    graph.addNode(
        node(
                node.op().equals("Mean") ? "ReduceMean" : "ReduceMax",
                node.name(),
                List.of(input),
                node.name())
            .toBuilder()
            .addAttribute(ints("axes", onnxAxes))
            .addAttribute(intAttr("keepdims", keep ? 1 : 0)));
    boolean outNchw = nchw && keep;
    return new Value(
        node.name(), outShape.stream().mapToLong(Long::longValue).toArray(), outNchw, null);
  }

  private Value softmax(Node node) throws ConversionException {
    Value x = in(node, 0);
    boolean nchw = x.nchw() && x.rank() == 4;
    claim(node.name());
    graph.addNode(
        node("Softmax", node.name(), List.of(nchw ? x.name() : operandNative(x)), node.name())
            .toBuilder()
            .addAttribute(intAttr("axis", nchw ? 1 : -1)));
    return new Value(node.name(), x.shape(), nchw, null);
  }

  private Value concat(Node node) throws ConversionException {
    int n = node.inputCount() - 1;
    Weight axisWeight = constIn(node, n);
    List<Value> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(in(node, i));
    }
    int rank = parts.get(0).rank();
    int axis = axisWeight.ints()[0];
    axis = axis < 0 ? axis + rank : axis;
    boolean nchw = rank == 4 && parts.stream().allMatch(p -> p.nchw() && !p.isConst());
    List<String> inputs = new ArrayList<>();
    long[] out = parts.get(0).shape().clone();
    out[axis] = 0;
    for (Value p : parts) {
      inputs.add(nchw ? p.name() : operandNative(p));
      out[axis] = out[axis] < 0 || p.shape()[axis] < 0 ? -1 : out[axis] + p.shape()[axis];
    }
    claim(node.name());
    graph.addNode(
        node("Concat", node.name(), inputs, node.name()).toBuilder()
            .addAttribute(intAttr("axis", nchw ? NHWC_AXIS_IN_NCHW[axis] : axis)));
    return new Value(node.name(), out, nchw, null);
  }

  // ---------------------------------------------------------------- layout helpers

  private String toNchw(Value v) throws ConversionException {
    if (v.nchw()) {
      return v.name();
    }
    if (v.rank() != 4) {
      throw new ConversionException("tensor '" + v.name() + "' is not 4-D; cannot make it NCHW");
    }
    return transpose(v.name(), v.name() + "/nchw", 0, 3, 1, 2);
  }

  private String toNative(Value v) {
    return v.nchw() ? transpose(v.name(), v.name() + "/nhwc", 0, 2, 3, 1) : v.name();
  }

  private String transpose(String input, String output, long... perm) {
    return cache.computeIfAbsent(
        "transpose:" + output,
        key -> {
          claim(output);
          graph.addNode(
              node("Transpose", output, List.of(input), output).toBuilder()
                  .addAttribute(ints("perm", perm)));
          return output;
        });
  }

  private String materializeIfConst(Value v) throws ConversionException {
    return v.isConst() ? materialize(v.constant(), v.constant().name()) : v.name();
  }

  /** Emits a constant once as an initializer in its TF layout (float32 or int32). */
  private String materialize(Weight w, String name) {
    return cachedInitializer(
        name,
        () ->
            w.floats() != null
                ? floatTensor(name, w.shape(), w.floats())
                : intTensor(name, w.shape(), w.ints()));
  }

  private String scalarInitializer(String name, float value) {
    return cachedInitializer(name, () -> floatTensor(name, new long[0], new float[] {value}));
  }

  private interface TensorMaker {
    TensorProto make();
  }

  private String cachedInitializer(String name, TensorMaker maker) {
    String key = "init:" + name;
    String done = cache.get(key);
    if (done != null) {
      return done;
    }
    claim(name);
    graph.addInitializer(maker.make());
    cache.put(key, name);
    return name;
  }

  private void claim(String name) {
    if (!usedNames.add(name)) {
      throw new IllegalStateException("ONNX name used twice: " + name);
    }
  }

  // ---------------------------------------------------------------- protobuf helpers

  private static NodeProto node(String op, String name, List<String> inputs, String output) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static AttributeProto stringAttr(String name, String value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value))
        .build();
  }

  static TensorProto floatTensor(String name, long[] dims, float[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(data);
    return tensor(name, dims, TensorProto.DataType.FLOAT_VALUE, buffer.array());
  }

  static TensorProto intTensor(String name, long[] dims, int[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asIntBuffer().put(data);
    return tensor(name, dims, TensorProto.DataType.INT32_VALUE, buffer.array());
  }

  static TensorProto longTensor(String name, long[] dims, long[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asLongBuffer().put(data);
    return tensor(name, dims, TensorProto.DataType.INT64_VALUE, buffer.array());
  }

  private static TensorProto tensor(String name, long[] dims, int type, byte[] raw) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
    for (long d : dims) {
      t.addDims(d);
    }
    return t.setRawData(ByteString.copyFrom(raw)).build();
  }

  private static ValueInfoProto valueInfo(String name, int elemType, long[] shape) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (int i = 0; i < shape.length; i++) {
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (shape[i] >= 0) {
        d.setDimValue(shape[i]);
      } else {
        d.setDimParam(i == 0 ? "batch" : "d" + i);
      }
      s.addDim(d);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s)))
        .build();
  }
}
