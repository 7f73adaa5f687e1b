package org.sentio.affect.convert;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code TfjsToOnnx <model.json> <out.onnx>} converts a TF.js graph model (with its
 * weight shards beside it) to ONNX. Exit status 0 on success, 1 with a message on stderr when the
 * model cannot be read or has an op without a translation, 2 on wrong arguments.
 */
public final class TfjsToOnnx {
  private TfjsToOnnx() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: TfjsToOnnx <model.json> <out.onnx>");
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
              + " initializers, opset "
              + TfjsToOnnxConverter.OPSET
              + ")");
    } catch (ConversionException e) {
      System.err.println("conversion failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Converts {@code modelJson} and writes the ONNX bytes to {@code output}. */
  public static ModelProto convert(Path modelJson, Path output) throws ConversionException {
    TfjsGraphModel tfjs = TfjsGraphModel.read(modelJson);
    String stem = modelJson.getFileName().toString().replaceFirst("\\.json$", "");
    ModelProto onnx = TfjsToOnnxConverter.convert(tfjs, stem);
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
