package org.sentio.affect.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.face.TestImages;

/** The shipped ensembles are reproducible from the shipped members, and bad members are refused. */
class ExpressionEnsembleGraphTest {
  private static final Path MODELS = TestImages.modelsDir();

  @Test
  void shippedEnsemblesAreExactlyWhatTheBuilderMakesFromTheShippedMembers(@TempDir Path work)
      throws Exception {
    for (boolean flip : new boolean[] {true, false}) {
      String name = flip ? "face-expression-ensemble" : "face-expression-ensemble-noflip";
      Path out = work.resolve(name + ".onnx");
      ExpressionEnsembleToOnnx.convert(
          MODELS.resolve("face-expression/model.onnx"),
          MODELS.resolve("face-expression-faceapi/model.onnx"),
          flip,
          out);
      assertThat(Files.readAllBytes(out))
          .as("resources/models/%s/model.onnx is stale: run scripts/convert-models.sh", name)
          .isEqualTo(Files.readAllBytes(MODELS.resolve(name).resolve("model.onnx")));
    }
  }

  @Test
  void refusesAMemberWhoseClassesAreNotThoseOfTheFirst() throws Exception {
    var first =
        ExpressionEnsembleGraph.Member.read(
            "mx",
            MODELS.resolve("face-expression/model.onnx"),
            ExpressionEnsembleToOnnx.MINI_XCEPTION_INPUT,
            ExpressionEnsembleToOnnx.MINI_XCEPTION_OUTPUT,
            ExpressionEnsembleToOnnx.MINI_XCEPTION_CLASSES);
    var second =
        ExpressionEnsembleGraph.Member.read(
            "fa",
            MODELS.resolve("face-expression-faceapi/model.onnx"),
            FaceApiExpressionGraph.INPUT,
            FaceApiExpressionGraph.PROBABILITIES,
            List.of("neutral", "happy", "sad", "angry", "fear", "disgust", "contempt"));
    assertThatThrownBy(() -> ExpressionEnsembleGraph.build(List.of(first, second), true))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("fa")
        .hasMessageContaining("contempt");
  }

  @Test
  void refusesAMemberWithoutTheNamedInput() throws Exception {
    var member =
        ExpressionEnsembleGraph.Member.read(
            "fa",
            MODELS.resolve("face-expression-faceapi/model.onnx"),
            "input_1",
            FaceApiExpressionGraph.PROBABILITIES,
            FaceApiExpressionGraph.CLASSES);
    assertThatThrownBy(() -> ExpressionEnsembleGraph.build(List.of(member), false))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("no input 'input_1'");
  }
}
