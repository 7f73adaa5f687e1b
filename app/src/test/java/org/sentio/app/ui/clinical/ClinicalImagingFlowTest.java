package org.sentio.app.ui.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.triage.Contribution;
import org.sentio.affect.triage.Vital;
import org.sentio.app.live.Microphones;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSlice;

/**
 * The pluggable imaging model on the clinical page, with the tiny test model run by ONNX Runtime:
 * chosen, shown with its intended use and validation figures, scoring CT_small into the triage
 * card; and a manifest that does not match its graph refused without losing anything.
 */
class ClinicalImagingFlowTest {
  @TempDir Path temp;
  ClinicalHarness app;

  @AfterEach
  void close() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private List<String> reasons() {
    return app.robot.lookup("#clinical-reasons").queryAs(VBox.class).getChildren().stream()
        .map(n -> ((Label) n).getText())
        .toList();
  }

  /** The test model's score worked out here: nearest-neighbour 64 × 64, mean of 0–80 HU. */
  private static double meanBrainWindowHu(DicomSlice slice) {
    int n = TinyImagingModel.SIZE;
    double sum = 0;
    int count = 0;
    for (int y = 0; y < n; y++) {
      int sy = Math.min(slice.height() - 1, (int) ((y + 0.5) * slice.height() / n));
      for (int x = 0; x < n; x++) {
        int sx = Math.min(slice.width() - 1, (int) ((x + 0.5) * slice.width() / n));
        float hu = (float) slice.valueAt(sx, sy);
        if (hu >= 0 && hu <= 80) {
          sum += hu;
          count++;
        }
      }
    }
    return sum / count;
  }

  private void chooseModel(Path folder) throws Exception {
    app.choosers.imagingModel = folder;
    VisibleClicks.clickOn(app.robot, "#clinical-imaging-choose");
    ClinicalHarness.await(
        60,
        "the imaging model check",
        () -> !app.text("#clinical-imaging-status").startsWith("Checking"));
  }

  @Test
  void theTestModelScoresTheSliceNextToItsValidationFiguresAndFeedsTheCard() throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
    assertThat(app.text("#clinical-imaging-model")).startsWith("No imaging model in use");
    VisibleClicks.clickOn(app.robot, "#clinical-imaging-analyse");
    assertThat(app.text("#clinical-imaging-status")).startsWith("Choose an imaging model first");

    chooseModel(TinyImagingModel.install(temp, "hu", 40));
    assertThat(app.text("#clinical-imaging-status")).isEmpty();
    assertThat(app.text("#clinical-imaging-model"))
        .isEqualTo(
            "mean-brain-hu 0.1.0\n"
                + "Looks for: mean brain-window HU of at least 40 (threshold 40.00)\n"
                + "Intended use: software tests only; not for clinical use\n"
                + "Stated validation: none (test model)");
    VisibleClicks.clickOn(app.robot, "#clinical-imaging-analyse");
    assertThat(app.text("#clinical-imaging-status"))
        .startsWith("Open a study first: there is no slice to analyse");

    app.openStudy(ClinicalHarness.CT);
    VisibleClicks.clickOn(app.robot, "#clinical-complaint").write("head injury this morning");
    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    assertThat(reasons()).noneSatisfy(r -> assertThat(r).startsWith("[imaging]"));

    VisibleClicks.clickOn(app.robot, "#clinical-imaging-analyse");
    ClinicalHarness.await(
        60, "the finding", () -> !app.text("#clinical-imaging-finding").isEmpty());
    double expected = meanBrainWindowHu(DicomReader.readImage(ClinicalHarness.CT).frames().get(0));
    String score = String.format(Locale.ROOT, "%.2f", expected);
    String verdict =
        expected >= 40
            ? "at or above the threshold: mean brain-window HU of at least 40"
            : "below the threshold: no finding";
    assertThat(app.text("#clinical-imaging-finding"))
        .isEqualTo(
            "Slice 1, mean-brain-hu 0.1.0: score "
                + score
                + ", threshold 40.00: "
                + verdict
                + "\nStated validation: none (test model)"
                + "\nDecision support, not a diagnosis.");

    // The card was assessed before: it takes the finding in without another click.
    Contribution imaging =
        app.view.lastCard().contributions().stream()
            .filter(c -> c.source() == Contribution.Source.IMAGING)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no imaging contribution on the card"));
    assertThat(imaging.weight()).isCloseTo(Math.max(0, Math.min(1, expected)), offset(1e-3));
    assertThat(imaging.suggestedLevel()).isEqualTo(expected >= 40 ? 2 : 5);
    assertThat(imaging.evidence())
        .contains("score " + score)
        .contains("mean-brain-hu 0.1.0")
        .contains("validation: none (test model)");
    assertThat(reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("[imaging] " + imaging.rule())
                    .contains("validation: none (test model)")
                    .endsWith(
                        "(suggests "
                            + imaging.suggestedLevel()
                            + ", weight "
                            + String.format(Locale.ROOT, "%.2f", imaging.weight())
                            + ")"))
        .anySatisfy(r -> assertThat(r).startsWith("[complaint]"));
  }

  @Test
  void aManifestThatDoesNotMatchItsModelIsRefusedAndNothingIsLost() throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
    app.openStudy(ClinicalHarness.CT);
    VisibleClicks.clickOn(app.robot, "#clinical-complaint").write("twisted ankle");
    app.robot.interact(() -> app.view.vitalField(Vital.HEART_RATE).setText("96"));
    chooseModel(TinyImagingModel.install(temp.resolve("good"), "hu", 30));
    String goodModel = app.text("#clinical-imaging-model");

    Path mismatched = TinyImagingModel.install(temp.resolve("bad"), "image", 30);
    chooseModel(mismatched);
    assertThat(app.text("#clinical-imaging-status"))
        .startsWith("The imaging model in " + mismatched + " was refused: ")
        .contains("the manifest does not match the model")
        .contains("manifest input 'image' is not in the graph [hu]")
        .contains("Fix its manifest.json or model.onnx")
        .endsWith("mean-brain-hu 0.1.0 stays in use.");
    assertThat(app.text("#clinical-imaging-model")).isEqualTo(goodModel);
    assertThat(app.text("#clinical-status")).isEqualTo("1 slice(s)");
    assertThat(app.robot.lookup("#clinical-complaint").queryTextInputControl().getText())
        .isEqualTo("twisted ankle");
    assertThat(app.view.vitalField(Vital.HEART_RATE).getText()).isEqualTo("96");
    assertThat(app.robot.lookup("#clinical-imaging-choose").queryButton().isDisabled()).isFalse();

    // A model file altered after its manifest was written: refused on its checksum.
    Path altered = TinyImagingModel.install(temp.resolve("altered"), "hu", 30);
    Files.write(altered.resolve("model.onnx"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    chooseModel(altered);
    assertThat(app.text("#clinical-imaging-status"))
        .startsWith("The imaging model in " + altered + " was refused: ")
        .contains(altered.resolve("model.onnx") + ": checksum mismatch")
        .endsWith("mean-brain-hu 0.1.0 stays in use.");
    assertThat(app.text("#clinical-imaging-model")).isEqualTo(goodModel);

    // The model kept in use still works on the study kept open.
    VisibleClicks.clickOn(app.robot, "#clinical-imaging-analyse");
    ClinicalHarness.await(
        60, "the finding", () -> !app.text("#clinical-imaging-finding").isEmpty());
    double expected = meanBrainWindowHu(DicomReader.readImage(ClinicalHarness.CT).frames().get(0));
    assertThat(expected).isGreaterThanOrEqualTo(30);
    assertThat(app.text("#clinical-imaging-finding"))
        .startsWith("Slice 1, mean-brain-hu 0.1.0: score ")
        .contains(
            "threshold 30.00: at or above the threshold: mean brain-window HU of at least 30");
    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    assertThat(app.view.lastCard().level()).isEqualTo(2);
    assertThat(reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("[imaging] imaging finding: mean brain-window HU of at least 30 — ")
                    .endsWith("(suggests 2, weight 1.00)"));
  }
}
