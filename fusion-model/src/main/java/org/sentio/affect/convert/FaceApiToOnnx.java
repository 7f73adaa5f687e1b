package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code FaceApiToOnnx <face_expression_model-weights_manifest.json> <out.onnx>}
 * rebuilds {@code @vladmandic/face-api}'s expression network as ONNX ({@link
 * FaceApiExpressionGraph}). Exit status 0 on success, 1 with a message on stderr when the weights
 * cannot be read, 2 on wrong arguments.
 */
public final class FaceApiToOnnx {
  private FaceApiToOnnx() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println(
          "usage: FaceApiToOnnx <face_expression_model-weights_manifest.json> <out.onnx>");
      System.exit(2);
    }
    try {
      ModelProto model = convert(Path.of(args[0]), Path.of(args[1]));
      System.out.println(
          "wrote "
              + args[1]
              + " ("
              + model.getGraph().getNodeCount()
              + " nodes, "
              + model.getGraph().getInitializerCount()
              + " initializers)");
    } catch (ConversionException e) {
      System.err.println("conversion failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Rebuilds the network from {@code weightsManifest} and writes the ONNX bytes to {@code output}.
   */
  public static ModelProto convert(Path weightsManifest, Path output) throws ConversionException {
    ModelProto onnx = FaceApiExpressionGraph.convert(weightsManifest);
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
