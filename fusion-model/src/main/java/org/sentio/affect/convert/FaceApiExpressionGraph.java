package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.convert.TfjsGraphModel.Node;
import org.sentio.affect.convert.TfjsGraphModel.Weight;

/**
 * Rebuilds {@code @vladmandic/face-api} 1.7.15's {@code FaceExpressionNet} as ONNX. That package
 * ships only weights ({@code face_expression_model.bin} and its weights manifest); the network is
 * written in its JavaScript ({@code src/faceFeatureExtractor/FaceFeatureExtractor.ts}, {@code
 * denseBlock.ts}, {@code src/faceProcessor/FaceProcessor.ts}, {@code
 * src/faceExpressionNet/FaceExpressionNet.ts}). This class writes that network down as the TF
 * GraphDef nodes TF.js would run and hands them to {@link TfjsToOnnxConverter}, so the rebuilt
 * model shares the converter's tested op translations:
 *
 * <pre>
 * x = (rgb - [122.782, 117.001, 104.298]) / 255          input [N,112,112,3], RGB 0..255
 * 4 dense blocks (112 -> 56 -> 28 -> 14 -> 7; 32, 64, 128, 256 channels), each:
 *   out1 = relu(conv0(x, stride 2))      dense0: 3x3 conv; others: separable conv, + bias
 *   out2 = sep(out1); out3 = sep(relu(out1 + out2)); out4 = sep(relu(out1 + (out2 + out3)))
 *   block = relu(out1 + (out2 + (out3 + out4)))             sep = depthwise 3x3 SAME, 1x1, + bias
 * features = avgPool 7x7 stride 2 VALID -> [N,256]
 * probabilities = softmax(features . fc/weights + fc/bias)  classes: neutral, happy, sad, angry,
 *                                                           fearful, disgusted, surprised
 * </pre>
 *
 * The pointwise convolution and its bias are one {@code _FusedConv2D} with {@code BiasAdd}, and the
 * fully connected layer a 1x1 convolution: the same sums as TF.js's separate ops.
 */
public final class FaceApiExpressionGraph {
  /** The graph input: RGB face crops, NHWC, values 0..255. */
  public static final String INPUT = "rgb";

  /** Softmax over {@link #CLASSES}. */
  public static final String PROBABILITIES = "probabilities";

  /** The 256 pooled features the classifier reads (the penultimate layer). */
  public static final String FEATURES = "features";

  /** Input side in pixels ({@code toBatchTensor(112)} in the package). */
  public static final int SIZE = 112;

  /**
   * Output order of the package's {@code FACE_EXPRESSION_LABELS} (neutral, happy, sad, angry,
   * fearful, disgusted, surprised), in the data sets' vocabulary.
   */
  public static final List<String> CLASSES =
      List.of("neutral", "happy", "sad", "angry", "fear", "disgust", "surprise");

  /** The package's {@code meanRgb}, subtracted before dividing by 255. */
  static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Map<String, Weight> weights;
  private final List<Node> nodes = new ArrayList<>();

  private FaceApiExpressionGraph(Map<String, Weight> weights) {
    this.weights = new LinkedHashMap<>(weights);
  }

  /** Reads the weights manifest and the {@code .bin} it names (beside it) and builds the ONNX. */
  public static ModelProto convert(Path weightsManifest) throws ConversionException {
    JsonNode manifest;
    try {
      manifest = new ObjectMapper().readTree(weightsManifest.toFile());
    } catch (IOException e) {
      throw new ConversionException(
          "cannot read the face-api weights manifest " + weightsManifest + ": " + e.getMessage(),
          e);
    }
    Path dir = weightsManifest.toAbsolutePath().getParent();
    ObjectNode root = JSON.objectNode();
    root.putObject("modelTopology").putArray("node");
    root.set("weightsManifest", manifest);
    TfjsGraphModel parsed =
        TfjsGraphModel.parse(
            root,
            path -> {
              try {
                return Files.readAllBytes(dir.resolve(path));
              } catch (IOException e) {
                throw new ConversionException(
                    "cannot read " + dir.resolve(path) + " named by " + weightsManifest, e);
              }
            });
    return new FaceApiExpressionGraph(parsed.weights()).build();
  }

  private ModelProto build() throws ConversionException {
    add(node(INPUT, "Placeholder", List.of()).set("shape", placeholderShape()));
    constant("mean_rgb", new long[] {3}, MEAN_RGB.clone());
    constant("scale", new long[] {}, new float[] {255f});
    op("centred", "Sub", INPUT, "mean_rgb");
    op("normalized", "RealDiv", "centred", "scale");
    String x = denseBlock("normalized", "dense0", true);
    x = denseBlock(x, "dense1", false);
    x = denseBlock(x, "dense2", false);
    x = denseBlock(x, "dense3", false);
    ObjectNode pool = node("pooled", "AvgPool", List.of(x));
    pool.set("ksize", intList(1, 7, 7, 1));
    pool.set("strides", intList(1, 2, 2, 1));
    pool.set("padding", string("VALID"));
    add(pool);
    Weight fc = weight("fc/weights");
    long[] fcShape = fc.shape();
    if (fcShape.length != 2 || fcShape[0] != 256 || fcShape[1] != CLASSES.size()) {
      throw new ConversionException("fc/weights must be [256, 7], found a different shape");
    }
    weights.put(
        "fc/kernel",
        new Weight("fc/kernel", "float32", new long[] {1, 1, 256, 7}, fc.floats(), null));
    fusedConv("logits4d", "pooled", "fc/kernel", "fc/bias", new long[] {1, 1, 1, 1}, "VALID");
    intConstant("logits_shape", -1, CLASSES.size());
    op("logits", "Reshape", "logits4d", "logits_shape");
    op(PROBABILITIES, "Softmax", "logits");
    intConstant("features_shape", -1, 256);
    op(FEATURES, "Reshape", "pooled", "features_shape");
    TfjsGraphModel model =
        new TfjsGraphModel("graph-model", nodes, weights, List.of(FEATURES, PROBABILITIES));
    return TfjsToOnnxConverter.convert(model, "face_expression_model");
  }

  /** {@code denseBlock4} of the package. */
  private String denseBlock(String x, String prefix, boolean firstLayer)
      throws ConversionException {
    String out1;
    if (firstLayer) {
      fusedConv(
          prefix + "/conv0",
          x,
          prefix + "/conv0/filters",
          prefix + "/conv0/bias",
          new long[] {1, 2, 2, 1},
          "SAME");
      out1 = relu(prefix + "/out1", prefix + "/conv0");
    } else {
      out1 = relu(prefix + "/out1", separable(x, prefix + "/conv0", 2));
    }
    String out2 = separable(out1, prefix + "/conv1", 1);
    op(prefix + "/sum12", "AddV2", out1, out2);
    String in3 = relu(prefix + "/in3", prefix + "/sum12");
    String out3 = separable(in3, prefix + "/conv2", 1);
    op(prefix + "/sum23", "AddV2", out2, out3);
    op(prefix + "/sum123", "AddV2", out1, prefix + "/sum23");
    String in4 = relu(prefix + "/in4", prefix + "/sum123");
    String out4 = separable(in4, prefix + "/conv3", 1);
    op(prefix + "/sum34", "AddV2", out3, out4);
    op(prefix + "/sum234", "AddV2", out2, prefix + "/sum34");
    op(prefix + "/sum1234", "AddV2", out1, prefix + "/sum234");
    return relu(prefix + "/out", prefix + "/sum1234");
  }

  /** {@code depthwiseSeparableConv}: depthwise 3x3 SAME with the stride, 1x1 VALID, plus bias. */
  private String separable(String x, String prefix, int stride) throws ConversionException {
    weight(prefix + "/depthwise_filter");
    ObjectNode depthwise =
        node(
            prefix + "/depthwise",
            "DepthwiseConv2dNative",
            List.of(x, prefix + "/depthwise_filter"));
    depthwise.set("strides", intList(1, stride, stride, 1));
    depthwise.set("padding", string("SAME"));
    add(depthwise);
    fusedConv(
        prefix,
        prefix + "/depthwise",
        prefix + "/pointwise_filter",
        prefix + "/bias",
        new long[] {1, 1, 1, 1},
        "VALID");
    return prefix;
  }

  private void fusedConv(
      String name, String x, String filter, String bias, long[] strides, String padding)
      throws ConversionException {
    weight(filter);
    weight(bias);
    ObjectNode conv = node(name, "_FusedConv2D", List.of(x, filter, bias));
    conv.set("strides", intList(strides));
    conv.set("padding", string(padding));
    ObjectNode fused = JSON.objectNode();
    fused.putObject("list").putArray("s").add(base64("BiasAdd"));
    conv.set("fused_ops", fused);
    add(conv);
  }

  private String relu(String name, String x) {
    op(name, "Relu", x);
    return name;
  }

  private Weight weight(String name) throws ConversionException {
    Weight w = weights.get(name);
    if (w == null) {
      throw new ConversionException(
          "the face-api weights manifest lacks '" + name + "' (not face_expression_model?)");
    }
    if (nodes.stream().noneMatch(n -> n.name().equals(name))) {
      add(node(name, "Const", List.of()));
    }
    return w;
  }

  private void constant(String name, long[] shape, float[] values) {
    weights.put(name, new Weight(name, "float32", shape, values, null));
    add(node(name, "Const", List.of()));
  }

  private void intConstant(String name, int... values) {
    weights.put(name, new Weight(name, "int32", new long[] {values.length}, null, values));
    add(node(name, "Const", List.of()));
  }

  private void op(String name, String op, String... inputs) {
    add(node(name, op, List.of(inputs)));
  }

  private static ObjectNode node(String name, String op, List<String> inputs) {
    ObjectNode n = JSON.objectNode();
    n.put("name", name);
    n.put("op", op);
    ArrayNode in = n.putArray("input");
    inputs.forEach(in::add);
    n.putObject("attr");
    return n;
  }

  /** {@code node(...).set(key, value)} returns the attribute; this returns the node. */
  private void add(JsonNode json) {
    List<String> inputs = new ArrayList<>();
    json.path("input").forEach(i -> inputs.add(i.asText()));
    ObjectNode attrs = (ObjectNode) json.path("attr");
    json.fields()
        .forEachRemaining(
            e -> {
              if (!List.of("name", "op", "input", "attr").contains(e.getKey())) {
                attrs.set(e.getKey(), e.getValue());
              }
            });
    nodes.add(new Node(json.path("name").asText(), json.path("op").asText(), inputs, attrs));
  }

  private static ObjectNode placeholderShape() {
    ObjectNode shape = JSON.objectNode();
    ArrayNode dims = shape.putObject("shape").putArray("dim");
    for (long d : new long[] {-1, SIZE, SIZE, 3}) {
      dims.addObject().put("size", String.valueOf(d));
    }
    return shape;
  }

  private static ObjectNode intList(long... values) {
    ObjectNode list = JSON.objectNode();
    ArrayNode i = list.putObject("list").putArray("i");
    for (long v : values) {
      i.add(String.valueOf(v));
    }
    return list;
  }

  private static ObjectNode string(String value) {
    ObjectNode s = JSON.objectNode();
    s.put("s", base64(value));
    return s;
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
