package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code ExpressionEnsembleToOnnx [--no-flip] <mini-xception.onnx> <face-api.onnx>
 * <out.onnx>} joins the shipped mini-Xception ({@code face-expression}) and face-api ({@code
 * face-expression-faceapi}) models into one ONNX ensemble ({@link ExpressionEnsembleGraph}) in the
 * mini-Xception's class order, with test-time flip averaging unless {@code --no-flip}. Exit status
 * 0 on success, 1 with a message on stderr when a member cannot be read, 2 on wrong arguments.
 */
public final class ExpressionEnsembleToOnnx {
  /** The mini-Xception's input, output and classes (its manifest). */
  public static final String MINI_XCEPTION_INPUT = "input_1";

  public static final String MINI_XCEPTION_OUTPUT = "Identity";
  public static final List<String> MINI_XCEPTION_CLASSES =
      List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

  private ExpressionEnsembleToOnnx() {}

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean flip = !rest.remove("--no-flip");
    if (rest.size() != 3) {
      System.err.println(
          "usage: ExpressionEnsembleToOnnx [--no-flip] <mini-xception.onnx> <face-api.onnx>"
              + " <out.onnx>");
      System.exit(2);
    }
    try {
      ModelProto model =
          convert(Path.of(rest.get(0)), Path.of(rest.get(1)), flip, Path.of(rest.get(2)));
      System.out.println(
          "wrote " + rest.get(2) + " (" + model.getGraph().getNodeCount() + " nodes)");
    } catch (ConversionException e) {
      System.err.println("ensemble failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Builds the ensemble of the two models and writes it to {@code output}. */
  public static ModelProto convert(Path miniXception, Path faceApi, boolean flip, Path output)
      throws ConversionException {
    List<ExpressionEnsembleGraph.Member> members =
        List.of(
            ExpressionEnsembleGraph.Member.read(
                "mx",
                miniXception,
                MINI_XCEPTION_INPUT,
                MINI_XCEPTION_OUTPUT,
                MINI_XCEPTION_CLASSES),
            ExpressionEnsembleGraph.Member.read(
                "fa",
                faceApi,
                FaceApiExpressionGraph.INPUT,
                FaceApiExpressionGraph.PROBABILITIES,
                FaceApiExpressionGraph.CLASSES));
    ModelProto onnx = ExpressionEnsembleGraph.build(members, flip);
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(output, onnx.toByteArray());
    } catch (IOException e) {
      throw new ConversionException("cannot write " + output + ": " + e.getMessage(), e);
    }
    return onnx;
  }
}
