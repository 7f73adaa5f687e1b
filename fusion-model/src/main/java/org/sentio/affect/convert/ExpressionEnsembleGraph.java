package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  private ExpressionEnsembleGraph() {}

  /**
   * The ensemble of {@code members} (at least one).
   *
   * @param flip whether each member also runs on the mirrored face
   * @throws ConversionException when a member lacks its input or output, or its classes are not a
   *     permutation of the first member's
   */
  public static ModelProto build(List<Member> members, boolean flip) throws ConversionException {
    if (members.isEmpty()) {
      throw new ConversionException("an ensemble needs at least one member");
    }
    List<String> classes = members.get(0).classes();
    OnnxGraphBuilder graph =
        new OnnxGraphBuilder(flip ? "expression_ensemble_flip" : "expression_ensemble");
    List<String> probabilities = new ArrayList<>();
    for (Member m : members) {
      graph.input(graphInput(m));
      String fed = flip ? graph.withMirrorImages(m.input(), m.prefix()) : m.input();
      if (m.model().getGraph().getOutputList().stream()
          .noneMatch(o -> o.getName().equals(m.output()))) {
        throw new ConversionException(
            "member " + m.prefix() + " has no output '" + m.output() + "'");
      }
      String out = graph.copy(m.model().getGraph(), m.prefix(), m.input(), fed, m.output(), false);
      String p = m.prefix() + "/";
      if (flip) {
        out =
            graph.halvesMean(
                out, classes.size(), p + "halves/shape", p + "halves", p + "flip_mean");
      }
      long[] order = reorder(m.classes(), classes, m.prefix());
      if (!isIdentity(order)) {
        graph.initializer(
            TfjsToOnnxConverter.longTensor(p + "class_order", new long[] {order.length}, order));
        out =
            graph.node(
                "Gather",
                p + "reordered",
                List.of(out, p + "class_order"),
                OnnxGraphBuilder.intAttr("axis", 1));
      }
      probabilities.add(out);
    }
    String sum = probabilities.get(0);
    for (int i = 1; i < probabilities.size(); i++) {
      sum = graph.node("Add", "sum" + i, List.of(sum, probabilities.get(i)));
    }
    graph.initializer(
        TfjsToOnnxConverter.floatTensor(
            "member_weight", new long[] {}, new float[] {1f / members.size()}));
    graph.node("Mul", OUTPUT, List.of(sum, "member_weight"));
    graph.floatOutput(OUTPUT, -1, classes.size());
    return graph.model("sentio expression-ensemble");
  }

  private static ValueInfoProto graphInput(Member m) throws ConversionException {
    for (ValueInfoProto in : m.model().getGraph().getInputList()) {
      if (in.getName().equals(m.input())) {
        return in;
      }
    }
    throw new ConversionException("member " + m.prefix() + " has no input '" + m.input() + "'");
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
}
