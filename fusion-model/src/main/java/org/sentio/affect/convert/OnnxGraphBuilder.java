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
 * Builds the ONNX graphs Sentio composes itself (the expression ensembles, the expression head over
 * the frozen backbones, the trained face CNN): nodes named after their one output, float inputs and
 * outputs with a dynamic batch, test-time mirroring, copying a member model's nodes under a prefix,
 * and the model wrapper (IR {@value TfjsToOnnxConverter#IR_VERSION}, opset {@value
 * TfjsToOnnxConverter#OPSET}). Deterministic: the same calls give the same bytes.
 */
public final class OnnxGraphBuilder {
  private final GraphProto.Builder graph;

  public OnnxGraphBuilder(String name) {
    graph = GraphProto.newBuilder().setName(name);
  }

  /** Adds a node named after its one {@code output}; returns the output's name. */
  public String node(String op, String output, List<String> inputs, AttributeProto... attributes) {
    NodeProto.Builder node =
        NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
    for (AttributeProto a : attributes) {
      node.addAttribute(a);
    }
    graph.addNode(node);
    return output;
  }

  public void initializer(TensorProto tensor) {
    graph.addInitializer(tensor);
  }

  public void input(ValueInfoProto input) {
    graph.addInput(input);
  }

  /** Declares a float32 graph input; a negative dimension is the dynamic {@code batch}. */
  public void floatInput(String name, long... shape) {
    graph.addInput(floatInfo(name, shape));
  }

  /** Declares a float32 graph output; a negative dimension is the dynamic {@code batch}. */
  public void floatOutput(String name, long... shape) {
    graph.addOutput(floatInfo(name, shape));
  }

  /**
   * Stacks the NHWC batch {@code input} and its mirror image (a {@code Slice} with step -1 over the
   * width axis) into one batch of twice the size, under {@code prefix}; returns its name. Row i of
   * the second half is the mirror image of row i.
   */
  public String withMirrorImages(String input, String prefix) {
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
    node(
        "Slice",
        p + "mirrored",
        List.of(input, p + "flip/starts", p + "flip/ends", p + "flip/axes", p + "flip/steps"));
    return node("Concat", p + "both", List.of(input, p + "mirrored"), intAttr("axis", 0));
  }

  /**
   * The mean of the two halves of a [2N, width] tensor made by {@link #withMirrorImages}, named
   * {@code out}; {@code shapeName} and {@code halvesName} name the reshape's target and result.
   */
  public String halvesMean(
      String stacked, int width, String shapeName, String halvesName, String out) {
    graph.addInitializer(
        TfjsToOnnxConverter.longTensor(shapeName, new long[] {3}, new long[] {2, -1, width}));
    node("Reshape", halvesName, List.of(stacked, shapeName));
    return node("ReduceMean", out, List.of(halvesName), ints("axes", 0), intAttr("keepdims", 0));
  }

  /**
   * Copies {@code member}'s initializers and nodes, in the member's order, under {@code prefix},
   * with the member's graph input {@code input} read from {@code fed}; returns the new name of
   * {@code target}. With {@code onlyNeeded} only what {@code target} depends on is copied (the rest
   * of the member, e.g. its own classifier, is left out).
   *
   * @throws ConversionException when the member has no tensor {@code target}
   */
  public String copy(
      GraphProto member, String prefix, String input, String fed, String target, boolean onlyNeeded)
      throws ConversionException {
    return copy(member, prefix, input, fed, List.of(target), onlyNeeded).get(0);
  }

  /**
   * As {@link #copy(GraphProto, String, String, String, String, boolean)} for several tensors of
   * one member copied once: with {@code onlyNeeded} what any of {@code targets} depends on; returns
   * their new names in order.
   *
   * @throws ConversionException when the member lacks one of {@code targets}
   */
  public List<String> copy(
      GraphProto member,
      String prefix,
      String input,
      String fed,
      List<String> targets,
      boolean onlyNeeded)
      throws ConversionException {
    Map<String, NodeProto> producer = new HashMap<>();
    for (NodeProto n : member.getNodeList()) {
      for (String out : n.getOutputList()) {
        producer.put(out, n);
      }
    }
    for (String target : targets) {
      if (!producer.containsKey(target)) {
        throw new ConversionException("member " + prefix + " has no tensor '" + target + "'");
      }
    }
    Set<String> neededTensors = new HashSet<>();
    Set<NodeProto> neededNodes = new HashSet<>();
    if (onlyNeeded) {
      Deque<String> todo = new ArrayDeque<>(targets);
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
    }
    String p = prefix + "/";
    Map<String, String> names = new HashMap<>();
    names.put(input, fed);
    for (TensorProto init : member.getInitializerList()) {
      if (!onlyNeeded || neededTensors.contains(init.getName())) {
        names.put(init.getName(), p + init.getName());
        graph.addInitializer(init.toBuilder().setName(p + init.getName()));
      }
    }
    for (NodeProto n : member.getNodeList()) {
      if (onlyNeeded && !neededNodes.contains(n)) {
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
    return targets.stream().map(names::get).toList();
  }

  /** The model holding the graph, produced by {@code producer}. */
  public ModelProto model(String producer) {
    return ModelProto.newBuilder()
        .setIrVersion(TfjsToOnnxConverter.IR_VERSION)
        .setProducerName(producer)
        .setProducerVersion("1.0.0")
        .addOpsetImport(
            OperatorSetIdProto.newBuilder().setDomain("").setVersion(TfjsToOnnxConverter.OPSET))
        .setGraph(graph)
        .build();
  }

  public static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  public static AttributeProto floatAttr(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  public static AttributeProto ints(String name, long... values) {
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
