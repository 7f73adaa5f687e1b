package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.MoeOnnx;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.affect.train.ModelFolder;
import org.sentio.app.ui.models.ModelRow;
import org.sentio.app.ui.models.ModelsView;
import org.sentio.app.ui.models.ModelsViewModel;
import org.sentio.learning.gate.ModelGate;
import org.sentio.learning.gate.ModelVersion;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Models page's fusion versions on a copy of the shipped fusion model and DP-trained candidates
 * in a data folder's candidates folder: figures and ε shown, an uncompared candidate refused in the
 * error dialog, a compared one adopted after confirmation, and rolled back.
 */
class ModelVersionsPageTest {
  private static final Path ROOT = DesktopHarness.ROOT;

  @TempDir Path dir;

  private final FxRobot robot = new FxRobot();

  @Test
  void versionsAreShownAdoptedAfterConfirmationAndRolledBack() throws Exception {
    Path models = dir.resolve("models");
    copy(ROOT.resolve("resources/models/fusion-moe"), models.resolve("fusion-moe"));
    String shipped = ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"));
    Path candidates = dir.resolve("data/candidates");
    Path compared = privateCandidate(candidates.resolve("fusion-moe"), 7L);
    Path uncompared = privateCandidate(candidates.resolve("other-run"), 8L);
    recordComparison(
        null,
        compared,
        shipped,
        0.652,
        0.6137,
        "the candidate is significantly worse (p < 0.05): keep the model in use");

    onVersionsTab(
        models,
        candidates,
        (model, table) -> {
          assertThat(model.versions())
              .extracting(ModelVersion::state)
              .containsExactly(
                  ModelVersion.State.IN_USE,
                  ModelVersion.State.CANDIDATE,
                  ModelVersion.State.CANDIDATE);
          assertThat(cells(table, 0))
              .containsExactly(
                  "fusion-moe",
                  "1.0.0",
                  "in use",
                  "0.8550",
                  "",
                  "training, held-out windows",
                  "",
                  "",
                  "");
          ModelVersion comparedRow = row(model, "1.0.0+dp7");
          assertThat(cells(table, model.versions().indexOf(comparedRow)))
              .containsExactly(
                  "fusion-moe",
                  "1.0.0+dp7",
                  "candidate",
                  "0.6520",
                  "0.6137",
                  "A/B comparison",
                  "1.999",
                  "1e-05",
                  "");
          Button rollback = robot.lookup("#models-rollback").queryButton();
          assertThat(rollback.isDisabled()).as("nothing adopted yet").isTrue();

          // An uncompared candidate: confirmed, then refused by the gate in the error dialog.
          robot.interact(() -> table.getSelectionModel().select(row(model, "1.0.0+dp8")));
          robot.clickOn("#models-adopt");
          press("#models-adopt-confirm", ButtonType.OK);
          DesktopHarness.await(20, "the error dialog", () -> dialog("#error-dialog") != null);
          DialogPane error = dialog("#error-dialog");
          assertThat(error.getHeaderText()).isEqualTo("Cannot adopt the model");
          assertThat(error.getContentText())
              .contains(uncompared.toString())
              .contains("has not been compared")
              .contains("sentio models compare");
          DesktopHarness.closeDialogs();
          DesktopHarness.await(10, "the step done", () -> !model.busyProperty().get());
          assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx")))
              .isEqualTo(shipped);

          // Cancelling the confirmation changes nothing.
          robot.interact(() -> table.getSelectionModel().select(row(model, "1.0.0+dp7")));
          robot.clickOn("#models-adopt");
          press("#models-adopt-confirm", ButtonType.CANCEL);
          assertThat(model.busyProperty().get()).isFalse();
          assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx")))
              .isEqualTo(shipped);

          // The compared candidate is adopted.
          robot.interact(() -> table.getSelectionModel().select(row(model, "1.0.0+dp7")));
          robot.clickOn("#models-adopt");
          press("#models-adopt-confirm", ButtonType.OK);
          DesktopHarness.await(
              30,
              "the candidate in use",
              () ->
                  model.versionNoteProperty().get().startsWith("Adopted fusion-moe 1.0.0+dp7")
                      && model.versions().get(0).version().equals("1.0.0+dp7")
                      && model.models().size() == 1
                      && model.models().get(0).epsilon().isPresent());
          assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx")))
              .isEqualTo(ModelFolder.sha256(compared.resolve("model.onnx")));
          assertThat(model.versions())
              .extracting(v -> v.state() + " " + v.version())
              .containsExactly("IN_USE 1.0.0+dp7", "PREVIOUS 1.0.0", "CANDIDATE 1.0.0+dp8");
          TableView<ModelRow> installed = robot.lookup("#models-table").queryTableView();
          assertThat(installed.getColumns().get(installed.getColumns().size() - 1).getCellData(0))
              .isEqualTo("ε 1.999 at δ 1e-05");
          DesktopHarness.await(10, "rollback offered", () -> !rollback.isDisabled());

          robot.clickOn("#models-rollback");
          press("#models-rollback-confirm", ButtonType.OK);
          DesktopHarness.await(
              30,
              "the shipped model back in use",
              () ->
                  model.versionNoteProperty().get().startsWith("Restored fusion-moe 1.0.0")
                      && model.versions().get(0).version().equals("1.0.0"));
          assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx")))
              .isEqualTo(shipped);
          assertThat(model.versions())
              .extracting(v -> v.state() + " " + v.version())
              .containsExactly(
                  "IN_USE 1.0.0",
                  "ROLLED_BACK 1.0.0+dp7",
                  "CANDIDATE 1.0.0+dp7",
                  "CANDIDATE 1.0.0+dp8");
          DesktopHarness.await(10, "nothing left to roll back", rollback::isDisabled);
        });
  }

  /**
   * A text candidate (a real encoder text model with a DP run's ε) beside the fusion model: its
   * row, figures and model shown; adopted as the English text model after confirmation while the
   * fusion model stays; rolled back with its row selected.
   */
  @Test
  void textModelVersionsAreShownAdoptedAndRolledBackBesideTheFusionModel() throws Exception {
    Path models = dir.resolve("models");
    copy(ROOT.resolve("resources/models/fusion-moe"), models.resolve("fusion-moe"));
    copy(ROOT.resolve("resources/models/text-affect-en-bge"), models.resolve("text-affect-en-bge"));
    String fusion = ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"));
    String text = ModelFolder.sha256(models.resolve("text-affect-en-bge/model.onnx"));
    Path candidates = dir.resolve("data/candidates");
    Path candidate =
        org.sentio.app.TextCandidates.shifted(
            models.resolve("text-affect-en-bge"),
            candidates.resolve("text-affect-en-bge"),
            "2.0.0+dp",
            0.25f,
            1.5121);
    recordComparison(
        "text-affect-en-bge",
        candidate,
        text,
        0.575,
        0.51,
        "no significant difference (p >= 0.05)");

    onVersionsTab(
        models,
        candidates,
        (model, table) -> {
          assertThat(model.versions())
              .extracting(v -> v.task().modelName + " " + v.state() + " " + v.version())
              .containsExactly(
                  "fusion-moe IN_USE 1.0.0",
                  "text-affect-en-bge IN_USE 2.0.0",
                  "text-affect-en-bge CANDIDATE 2.0.0+dp");
          assertThat(cells(table, 1))
              .containsExactly(
                  "text-affect-en-bge", "2.0.0", "in use", "", "", "not measured", "", "", "");
          assertThat(cells(table, 2))
              .containsExactly(
                  "text-affect-en-bge",
                  "2.0.0+dp",
                  "candidate",
                  "0.5750",
                  "0.5100",
                  "A/B comparison",
                  "1.512",
                  "1e-05",
                  "");

          robot.interact(() -> table.getSelectionModel().select(2));
          robot.clickOn("#models-adopt");
          DesktopHarness.await(
              10, "the confirmation", () -> dialog("#models-adopt-confirm") != null);
          assertThat(dialog("#models-adopt-confirm").getContentText())
              .startsWith("Make text-affect-en-bge 2.0.0+dp the model in use?")
              .contains("(text-affect-en-bge 2.0.0)");
          press("#models-adopt-confirm", ButtonType.OK);
          DesktopHarness.await(
              30,
              "the text candidate in use",
              () ->
                  model
                          .versionNoteProperty()
                          .get()
                          .startsWith("Adopted text-affect-en-bge 2.0.0+dp")
                      && model.versions().size() == 3
                      && model.versions().get(1).version().equals("2.0.0+dp"));
          assertThat(ModelFolder.sha256(models.resolve("text-affect-en-bge/model.onnx")))
              .isEqualTo(ModelFolder.sha256(candidate.resolve("model.onnx")));
          assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"))).isEqualTo(fusion);
          assertThat(model.versions())
              .extracting(v -> v.task().modelName + " " + v.state() + " " + v.version())
              .containsExactly(
                  "fusion-moe IN_USE 1.0.0",
                  "text-affect-en-bge IN_USE 2.0.0+dp",
                  "text-affect-en-bge PREVIOUS 2.0.0");
          assertThat(cells(table, 1).subList(3, 8))
              .containsExactly("0.5750", "0.5100", "A/B comparison", "1.512", "1e-05");
          Button rollback = robot.lookup("#models-rollback").queryButton();
          DesktopHarness.await(10, "rollback offered", () -> !rollback.isDisabled());

          // With the fusion model selected (never adopted), rollback restores the text model, the
          // one
          // adopted last; the confirmation names it.
          robot.interact(() -> table.getSelectionModel().select(0));
          robot.clickOn("#models-rollback");
          DesktopHarness.await(
              10, "the confirmation", () -> dialog("#models-rollback-confirm") != null);
          assertThat(dialog("#models-rollback-confirm").getContentText())
              .contains("(text-affect-en-bge 2.0.0+dp)");
          press("#models-rollback-confirm", ButtonType.OK);
          DesktopHarness.await(
              30,
              "the shipped text model back in use",
              () ->
                  model.versionNoteProperty().get().startsWith("Restored text-affect-en-bge 2.0.0")
                      && model.versions().get(1).version().equals("2.0.0"));
          assertThat(ModelFolder.sha256(models.resolve("text-affect-en-bge/model.onnx")))
              .isEqualTo(text);
          assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"))).isEqualTo(fusion);
          DesktopHarness.await(10, "nothing left to roll back", rollback::isDisabled);
        });
  }

  /** What a test does on the Models page once its versions tab shows the three versions. */
  private interface VersionsTabSteps {
    void run(ModelsViewModel model, TableView<ModelVersion> table) throws Exception;
  }

  /**
   * Shows the Models page on {@code models} and {@code candidates} (English), waits for its three
   * versions, opens the versions tab, runs {@code steps} and closes the page.
   */
  private void onVersionsTab(Path models, Path candidates, VersionsTabSteps steps)
      throws Exception {
    I18n i18n = I18n.forLanguage("en");
    FxToolkit.registerPrimaryStage();
    Stage[] stage = new Stage[1];
    try (Engine engine =
            new Engine(new ModelRegistry(models, "copy it again"), DevicePreference.CPU);
        FxTaskExecutor executor = new FxTaskExecutor(1)) {
      ModelsViewModel model =
          new ModelsViewModel(
              engine, executor, new ErrorDialog(() -> stage[0], i18n), i18n, candidates);
      FxToolkit.setupFixture(
          () -> {
            stage[0] = new Stage();
            stage[0].setScene(new Scene(new ModelsView(model, i18n), 1100, 720));
            stage[0].show();
          });
      model.refresh();
      DesktopHarness.await(20, "three versions", () -> model.versions().size() == 3);
      robot.clickOn(i18n.get("models.versions"));
      TableView<ModelVersion> table = robot.lookup("#models-versions").queryTableView();
      steps.run(model, table);
    } finally {
      FxToolkit.setupFixture(
          () -> {
            if (stage[0] != null) {
              stage[0].close();
            }
          });
    }
  }

  /**
   * Records an A/B comparison of {@code candidate} against the model in use ({@code inUseSha256})
   * as {@code sentio models compare} does; {@code task} is left out for the fusion model.
   */
  private static void recordComparison(
      String task,
      Path candidate,
      String inUseSha256,
      double accuracy,
      double macroF1,
      String verdict)
      throws Exception {
    Map<String, Object> record = new LinkedHashMap<>();
    if (task != null) {
      record.put("task", task);
    }
    record.put("candidateSha256", ModelFolder.sha256(candidate.resolve("model.onnx")));
    record.put("inUseSha256", inUseSha256);
    record.put("candidateAccuracy", accuracy);
    record.put("candidateMacroF1", macroF1);
    record.put("verdict", verdict);
    ModelGate.recordComparison(candidate, record);
  }

  private static ModelVersion row(ModelsViewModel model, String version) {
    return model.versions().stream()
        .filter(v -> v.version().equals(version))
        .findFirst()
        .orElseThrow();
  }

  private static java.util.List<String> cells(TableView<ModelVersion> table, int row) {
    return table.getColumns().stream().map(c -> String.valueOf(c.getCellData(row))).toList();
  }

  /** The dialog pane with {@code id} that is showing, or null. */
  private static DialogPane dialog(String id) {
    return javafx.stage.Window.getWindows().stream()
        .filter(w -> w.isShowing() && w.getScene() != null)
        .map(w -> w.getScene().getRoot())
        .filter(r -> r instanceof DialogPane && ("#" + r.getId()).equals(id))
        .map(DialogPane.class::cast)
        .findFirst()
        .orElse(null);
  }

  /** Presses {@code button} of the confirmation dialog {@code id} once it shows. */
  private void press(String id, ButtonType button) throws Exception {
    DesktopHarness.await(10, "the confirmation " + id, () -> dialog(id) != null);
    robot.interact(() -> ((Button) dialog(id).lookupButton(button)).fire());
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static Path privateCandidate(Path folder, long seed) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "fusion-moe");
    m.put("version", "1.0.0+dp" + seed);
    m.put("task", "fusion of face, voice and text affect estimates: sparse mixture of experts");
    m.put("licence", "GPL-3.0-or-later");
    Map<String, Object> privacy = new LinkedHashMap<>();
    privacy.put("epsilon", 1.9990291);
    privacy.put("delta", 1.0e-5);
    privacy.put("noiseMultiplier", 1.0);
    privacy.put("clip", 1.0);
    m.put("privacy", privacy);
    MoeWeights w = MoeWeights.random(32, 16, 2, 32, seed);
    ModelFolder.write(folder, MoeOnnx.write(w, MoeOnnx.Formulation.FUSED, "test", ""), m);
    return folder;
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
