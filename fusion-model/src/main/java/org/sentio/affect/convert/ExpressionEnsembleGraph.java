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
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins expression models into one ONNX graph that averages their probabilities, each optionally
 * also run on the horizontally mirrored face (test-time flip averaging). Every member keeps its own
 * input (its own crop size and colour, cut from the same aligned face by the caller) and its own
 * class order; the ensemble reorders each member's classes to the first member's order and outputs
 * the mean as {@value #OUTPUT}. The members' nodes and weights are copied unchanged under a prefix
 * per member, so a member's numbers are exactly its own model's.
 *
 * <p>Mirroring is a {@code Slice} with step -1 over the width axis (NHWC axis 2); a member runs
 * once on the batch of faces and mirrored faces stacked, and the two halves are averaged.
 * Deterministic: the same members give the same bytes.
 */
public final class ExpressionEnsembleGraph {
  /** The ensemble's output: mean probabilities in the first member's class order. */
  public static final String OUTPUT = "Identity";

  /**
   * One member model.
   *
   * @param prefix unique name prefix for its nodes, e.g. {@code mx}
   * @param model the member's ONNX model (opset {@value TfjsToOnnxConverter#OPSET})
   * @param input its graph input, which becomes an ensemble input of the same name and shape
   * @param output its probability output
   * @param classes its class names in output order
   */
  public record Member(
      String prefix, ModelProto model, String input, String output, List<String> classes) {
    /** Reads the member's ONNX file. */
    public static Member read(
        String prefix, Path onnx, String input, String output, List<String> classes)
        throws ConversionException {
      try {
        return new Member(
            prefix, ModelProto.parseFrom(Files.readAllBytes(onnx)), input, output, classes);
      } catch (InvalidProtocolBufferException e) {
        throw new ConversionException(onnx + " is not an ONNX model: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new ConversionException("cannot read " + onnx + ": " + e.getMessage(), e);
      }
    }
  }

  private final GraphProto.Builder graph = GraphProto.newBuilder();

  private ExpressionEnsembleGraph() {}

  /**
   * The ensemble of {@code members} (at least one).
   *
   * @param flip whether each member also runs on the mirrored face
   * @throws ConversionException when a member lacks its input or output, or its classes are not a
   *     permutation of the first member's
   */
  public static ModelProto build(List<Member> members, boolean flip) throws ConversionException {
    return new ExpressionEnsembleGraph().run(members, flip);
  }

  private ModelProto run(List<Member> members, boolean flip) throws ConversionException {
    if (members.isEmpty()) {
      throw new ConversionException("an ensemble needs at least one member");
    }
    List<String> classes = members.get(0).classes();
    graph.setName(flip ? "expression_ensemble_flip" : "expression_ensemble");
    List<String> probabilities = new ArrayList<>();
    for (Member m : members) {
      ValueInfoProto input = graphInput(m);
      graph.addInput(input);
      String fed = m.input();
      if (flip) {
        String p = m.prefix() + "/";
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
                List.of(
                    m.input(),
                    p + "flip/starts",
                    p + "flip/ends",
                    p + "flip/axes",
                    p + "flip/steps")));
        graph.addNode(
            node("Concat", p + "both", List.of(m.input(), p + "mirrored")).toBuilder()
                .addAttribute(intAttr("axis", 0)));
        fed = p + "both";
      }
      String out = copyMember(m, fed);
      if (flip) {
        String p = m.prefix() + "/";
        graph.addInitializer(
            TfjsToOnnxConverter.longTensor(
                p + "halves/shape", new long[] {3}, new long[] {2, -1, classes.size()}));
        graph.addNode(node("Reshape", p + "halves", List.of(out, p + "halves/shape")));
        graph.addNode(
            node("ReduceMean", p + "flip_mean", List.of(p + "halves")).toBuilder()
                .addAttribute(ints("axes", 0))
                .addAttribute(intAttr("keepdims", 0)));
        out = p + "flip_mean";
      }
      long[] order = reorder(m.classes(), classes, m.prefix());
      if (!isIdentity(order)) {
        String p = m.prefix() + "/";
        graph.addInitializer(
            TfjsToOnnxConverter.longTensor(p + "class_order", new long[] {order.length}, order));
        graph.addNode(
            node("Gather", p + "reordered", List.of(out, p + "class_order")).toBuilder()
                .addAttribute(intAttr("axis", 1)));
        out = p + "reordered";
      }
      probabilities.add(out);
    }
    String sum = probabilities.get(0);
    for (int i = 1; i < probabilities.size(); i++) {
      String name = "sum" + i;
      graph.addNode(node("Add", name, List.of(sum, probabilities.get(i))));
      sum = name;
    }
    graph.addInitializer(
        TfjsToOnnxConverter.floatTensor(
            "member_weight", new long[] {}, new float[] {1f / members.size()}));
    graph.addNode(node("Mul", OUTPUT, List.of(sum, "member_weight")));
    graph.addOutput(floatInfo(OUTPUT, -1, classes.size()));
    return ModelProto.newBuilder()
        .setIrVersion(TfjsToOnnxConverter.IR_VERSION)
        .setProducerName("sentio expression-ensemble")
        .setProducerVersion("1.0.0")
        .addOpsetImport(
            OperatorSetIdProto.newBuilder().setDomain("").setVersion(TfjsToOnnxConverter.OPSET))
        .setGraph(graph)
        .build();
  }

  private static ValueInfoProto graphInput(Member m) throws ConversionException {
    for (ValueInfoProto in : m.model().getGraph().getInputList()) {
      if (in.getName().equals(m.input())) {
        return in;
      }
    }
    throw new ConversionException("member " + m.prefix() + " has no input '" + m.input() + "'");
  }

  /** Copies a member's initializers and nodes under its prefix; returns its output's new name. */
  private String copyMember(Member m, String fedInput) throws ConversionException {
    GraphProto source = m.model().getGraph();
    if (source.getOutputList().stream().noneMatch(o -> o.getName().equals(m.output()))) {
      throw new ConversionException("member " + m.prefix() + " has no output '" + m.output() + "'");
    }
    Map<String, String> names = new HashMap<>();
    names.put(m.input(), fedInput);
    String p = m.prefix() + "/";
    for (TensorProto init : source.getInitializerList()) {
      names.put(init.getName(), p + init.getName());
      graph.addInitializer(init.toBuilder().setName(p + init.getName()));
    }
    for (NodeProto n : source.getNodeList()) {
      NodeProto.Builder copy = n.toBuilder().setName(p + n.getName()).clearInput().clearOutput();
      for (String in : n.getInputList()) {
        copy.addInput(in.isEmpty() ? in : names.computeIfAbsent(in, k -> p + k));
      }
      for (String out : n.getOutputList()) {
        copy.addOutput(names.computeIfAbsent(out, k -> p + k));
      }
      graph.addNode(copy);
    }
    return names.get(m.output());
  }

  /** For each class of {@code target}, its index in {@code member}. */
  private static long[] reorder(List<String> member, List<String> target, String prefix)
      throws ConversionException {
    if (member.size() != target.size() || !member.containsAll(target)) {
      throw new ConversionException(
          "member " + prefix + " classes " + member + " are not a permutation of " + target);
    }
    long[] order = new long[target.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = member.indexOf(target.get(i));
    }
    return order;
  }

  private static boolean isIdentity(long[] order) {
    for (int i = 0; i < order.length; i++) {
      if (order[i] != i) {
        return false;
      }
    }
    return true;
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
