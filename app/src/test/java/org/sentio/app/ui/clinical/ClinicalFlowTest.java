package org.sentio.app.ui.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sentio.affect.triage.Vital;
import org.sentio.app.live.Microphones;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSlice;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Open CT_small, switch window preset, read an HU value, fill the intake, see the card. */
class ClinicalFlowTest {
  static final Path CT =
      Path.of(
          System.getProperty(
              "sentio.shared.dir", System.getProperty("sentio.root.dir", "..") + "/../shared"),
          "testdata",
          "dicom",
          "CT_small.dcm");

  ClinicalHarness harness;
  FxRobot robot;
  ClinicalView view;

  @BeforeEach
  void show() throws Exception {
    harness = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
    robot = harness.robot;
    view = harness.view;
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void openPresetHuIntakeCard() throws Exception {
    harness.openStudy(CT);
    Label name = robot.lookup("#clinical-patient-name").queryAs(Label.class);
    assertThat(name.getText()).isEqualTo("••••••");
    assertThat(robot.lookup("#clinical-status").queryAs(Label.class).getText()).contains("1 slice");

    // Window preset: bone.
    ComboBox<WindowPreset> presets = robot.lookup("#clinical-preset").queryComboBox();
    assertThat(presets.getValue()).isEqualTo(WindowPreset.BRAIN);
    robot.interact(() -> presets.setValue(WindowPreset.BONE));
    assertThat(view.viewer().windowCenter()).isEqualTo(600);
    assertThat(view.viewer().windowWidth()).isEqualTo(2800);
    assertThat(robot.lookup("#clinical-window").queryAs(Label.class).getText())
        .isEqualTo("W 2800  L 600");

    // HU under the cursor: move to the image's centre and compare with the slice.
    ImageView image = robot.lookup("#clinical-image").queryAs(ImageView.class);
    robot.moveTo(image);
    WaitForAsyncUtils.waitForFxEvents();
    String hu = robot.lookup("#clinical-hu").queryAs(Label.class).getText();
    Matcher m = Pattern.compile("\\((\\d+), (\\d+)\\) (-?\\d+) HU").matcher(hu);
    assertThat(m.matches()).as(hu).isTrue();
    int x = Integer.parseInt(m.group(1));
    int y = Integer.parseInt(m.group(2));
    assertThat(x).isBetween(60, 68);
    assertThat(y).isBetween(60, 68);
    DicomSlice slice = DicomReader.readImage(CT).frames().get(0);
    assertThat(Double.parseDouble(m.group(3))).isEqualTo(slice.valueAt(x, y));

    // Reveal identity.
    robot.clickOn("#clinical-reveal");
    ClinicalHarness.await(
        10,
        "the identity to be shown",
        () -> !harness.text("#clinical-patient-name").equals("••••••"));
    assertThat(robot.lookup("#clinical-patient-name").queryAs(Label.class).getText())
        .isNotEqualTo("••••••")
        .isNotEmpty();

    // Intake: an impossible heart rate is refused with the range.
    robot.interact(
        () -> {
          view.vitalField(Vital.HEART_RATE).setText("400");
          view.vitalField(Vital.SPO2).setText("95");
        });
    robot.clickOn("#clinical-complaint").write("chest pain since this morning");
    robot.interact(view::assess);
    assertThat(robot.lookup("#clinical-vitals-error").queryAs(Label.class).getText())
        .contains("valid range is 20–300 /min");
    assertThat(view.lastCard()).isNull();

    robot.interact(() -> view.vitalField(Vital.HEART_RATE).setText("88"));
    robot.interact(view::assess);
    assertThat(robot.lookup("#clinical-vitals-error").queryAs(Label.class).getText()).isEmpty();
    assertThat(robot.lookup("#clinical-level").queryAs(Label.class).getText())
        .isEqualTo("Level 2 — Emergent");
    assertThat(robot.lookup("#clinical-disclaimer").queryAs(Label.class).getText())
        .isEqualTo("Decision support — not a diagnosis");
    assertThat(
            robot.lookup("#clinical-reasons").queryAs(javafx.scene.layout.VBox.class).getChildren())
        .anySatisfy(n -> assertThat(((Label) n).getText()).contains("red-flag cue: chest pain"));
  }

  @Test
  void zoomAndDragWindowLevel() throws Exception {
    harness.openStudy(CT);
    robot.interact(() -> view.viewer().setZoom(2));
    assertThat(view.viewer().zoom()).isEqualTo(2);
    double w0 = view.viewer().windowWidth();
    robot.drag("#clinical-image").moveBy(40, 0).drop();
    assertThat(view.viewer().windowWidth()).isGreaterThan(w0);
  }

  @Test
  void refusedFileShowsTheReason() throws Exception {
    harness.openStudy(CT.resolveSibling("rtplan.dcm"));
    assertThat(robot.lookup("#clinical-status").queryAs(Label.class).getText())
        .contains("rtplan.dcm")
        .contains("no image");
  }
}
