package org.sentio.affect.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed TF.js {@code graph-model}: the GraphDef nodes of {@code modelTopology} in file order,
 * the decoded weights of {@code weightsManifest}, and the signature's output names.
 */
public final class TfjsGraphModel {

  /** One GraphDef node; {@code attrs} is the raw JSON of its {@code attr} map. */
  public record Node(String name, String op, List<String> inputs, JsonNode attrs) {

    /** A string attribute ({@code s}, base64 in the JSON), or {@code fallback}. */
    public String string(String key, String fallback) {
      JsonNode value = attrs.path(key).path("s");
      return value.isMissingNode()
          ? fallback
          : new String(Base64.getDecoder().decode(value.asText()), StandardCharsets.UTF_8);
    }

    /** A list-of-strings attribute ({@code list.s}), empty when absent. */
    public List<String> strings(String key) {
      List<String> out = new ArrayList<>();
      for (JsonNode s : attrs.path(key).path("list").path("s")) {
        out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
      }
      return out;
    }

    /** A list-of-ints attribute ({@code list.i}), empty when absent. */
    public long[] ints(String key) {
      JsonNode list = attrs.path(key).path("list").path("i");
      long[] out = new long[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Long.parseLong(list.get(i).asText());
      }
      return out;
    }

    public long integer(String key, long fallback) {
      JsonNode value = attrs.path(key).path("i");
      return value.isMissingNode() ? fallback : Long.parseLong(value.asText());
    }

    public double floating(String key, double fallback) {
      JsonNode value = attrs.path(key).path("f");
      return value.isMissingNode() ? fallback : value.asDouble();
    }

    public boolean bool(String key, boolean fallback) {
      JsonNode value = attrs.path(key).path("b");
      return value.isMissingNode() ? fallback : value.asBoolean();
    }

    /** The {@code shape} attribute of a Placeholder, -1 for unknown dimensions. */
    public long[] shape() {
      JsonNode dims = attrs.path("shape").path("shape").path("dim");
      long[] out = new long[dims.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = dims.get(i).path("size").asLong(-1);
      }
      return out;
    }

    /** The name of the {@code i}-th data input, without {@code :0} suffixes or {@code ^} marks. */
    public String input(int i) {
      return baseName(inputs.get(i));
    }

    public int inputCount() {
      return (int) inputs.stream().filter(in -> !in.startsWith("^")).count();
    }
  }

  /** A decoded weight: exactly one of {@code floats} and {@code ints} is non-null. */
  public record Weight(String name, String dtype, long[] shape, float[] floats, int[] ints) {
    public long size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private final String format;
  private final List<Node> nodes;
  private final Map<String, Weight> weights;
  private final List<String> outputNames;

  TfjsGraphModel(
      String format, List<Node> nodes, Map<String, Weight> weights, List<String> outputNames) {
    this.format = format;
    this.nodes = List.copyOf(nodes);
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    this.outputNames = List.copyOf(outputNames);
  }

  public String format() {
    return format;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Map<String, Weight> weights() {
    return weights;
  }

  /** The signature's output node names (sorted), or empty when the model has no signature. */
  public List<String> outputNames() {
    return outputNames;
  }

  /** Reads {@code model.json} and the weight shards it names, which lie beside it. */
  public static TfjsGraphModel read(Path modelJson) throws ConversionException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(modelJson.toFile());
    } catch (IOException e) {
      throw new ConversionException(
          "cannot read TF.js model " + modelJson + ": " + e.getMessage(), e);
    }
    Path dir = modelJson.toAbsolutePath().getParent();
    return parse(
        root,
        path -> {
          try {
            return Files.readAllBytes(dir.resolve(path));
          } catch (IOException e) {
            throw new ConversionException(
                "cannot read weight shard " + dir.resolve(path) + " named by " + modelJson, e);
          }
        });
  }

  /** Reads a weight shard by its relative path. */
  @FunctionalInterface
  public interface ShardReader {
    byte[] read(String path) throws ConversionException;
  }

  /** Parses an already-read model.json tree, reading shards through {@code shards}. */
  public static TfjsGraphModel parse(JsonNode root, ShardReader shards) throws ConversionException {
    String format = root.path("format").asText("");
    if (!format.isEmpty() && !format.equals("graph-model")) {
      throw new ConversionException(
          "expected a TF.js graph-model, found format '" + format + "' (layers models need tfjs)");
    }
    JsonNode topology = root.path("modelTopology");
    if (!topology.has("node")) {
      throw new ConversionException("model.json has no modelTopology.node list");
    }
    List<Node> nodes = new ArrayList<>();
    for (JsonNode n : topology.path("node")) {
      List<String> inputs = new ArrayList<>();
      n.path("input").forEach(in -> inputs.add(in.asText()));
      nodes.add(
          new Node(
              n.path("name").asText(), n.path("op").asText(), List.copyOf(inputs), n.path("attr")));
    }
    Map<String, Weight> weights = new LinkedHashMap<>();
    for (JsonNode group : root.path("weightsManifest")) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (JsonNode path : group.path("paths")) {
        joined.writeBytes(shards.read(path.asText()));
      }
      byte[] bytes = joined.toByteArray();
      int offset = 0;
      for (JsonNode spec : group.path("weights")) {
        Weight weight = decode(spec, bytes, offset);
        JsonNode quantization = spec.path("quantization");
        String stored =
            quantization.isMissingNode() ? weight.dtype() : quantization.path("dtype").asText();
        offset += (int) (weight.size() * WeightDecoder.bytesPerValue(stored));
        weights.put(weight.name(), weight);
      }
      if (offset != bytes.length) {
        throw new ConversionException(
            "weight shards hold " + bytes.length + " bytes but the manifest describes " + offset);
      }
    }
    List<String> outputs = new ArrayList<>();
    for (JsonNode signature : List.of(root.path("signature"), topology.path("signature"))) {
      signature
          .path("outputs")
          .fields()
          .forEachRemaining(
              e -> outputs.add(baseName(e.getValue().path("name").asText(e.getKey()))));
    }
    List<String> sorted = outputs.stream().distinct().sorted().toList();
    return new TfjsGraphModel(format, nodes, weights, sorted);
  }

  static Weight decode(JsonNode spec, byte[] bytes, int offset) throws ConversionException {
    String name = spec.path("name").asText();
    String dtype = spec.path("dtype").asText();
    JsonNode shapeNode = spec.path("shape");
    long[] shape = new long[shapeNode.size()];
    long size = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
      size *= shape[i];
    }
    int count = Math.toIntExact(size);
    JsonNode q = spec.path("quantization");
    try {
      if (!q.isMissingNode()) {
        String qType = q.path("dtype").asText();
        int width = WeightDecoder.bytesPerValue(qType);
        checkBounds(name, bytes, offset, count * width);
        int[] raw = WeightDecoder.readUnsigned(bytes, offset, count, width);
        switch (qType) {
          case "uint8", "uint16" -> {
            if (!q.has("scale") || !q.has("min")) {
              throw new ConversionException(
                  "weight '" + name + "' is " + qType + "-quantized but lacks scale and min");
            }
            double scale = q.path("scale").asDouble();
            double min = q.path("min").asDouble();
            return switch (dtype) {
              case "float32" ->
                  new Weight(
                      name, dtype, shape, WeightDecoder.dequantizeAffine(raw, scale, min), null);
              case "int32" ->
                  new Weight(
                      name,
                      dtype,
                      shape,
                      null,
                      WeightDecoder.dequantizeAffineToInt(raw, scale, min));
              default ->
                  throw new ConversionException(
                      "weight '" + name + "': cannot dequantize " + qType + " to " + dtype);
            };
          }
          case "float16" -> {
            if (!dtype.equals("float32")) {
              throw new ConversionException(
                  "weight '" + name + "': float16 quantisation only applies to float32");
            }
            return new Weight(name, dtype, shape, WeightDecoder.decodeFloat16(raw), null);
          }
          default ->
              throw new ConversionException(
                  "weight '" + name + "' has unknown quantization dtype '" + qType + "'");
        }
      }
      checkBounds(name, bytes, offset, count * 4);
      return switch (dtype) {
        case "float32" ->
            new Weight(name, dtype, shape, WeightDecoder.readFloat32(bytes, offset, count), null);
        case "int32" ->
            new Weight(name, dtype, shape, null, WeightDecoder.readInt32(bytes, offset, count));
        default ->
            throw new ConversionException(
                "weight '" + name + "' has unsupported dtype '" + dtype + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new ConversionException("weight '" + name + "': " + e.getMessage(), e);
    }
  }

  private static void checkBounds(String name, byte[] bytes, int offset, int length)
      throws ConversionException {
    if (offset + length > bytes.length) {
      throw new ConversionException(
          "weight '" + name + "' runs past the end of its shards (truncated .bin file?)");
    }
  }

  static String baseName(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
