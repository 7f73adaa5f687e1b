package org.sentio.app.ui.clinical;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.sentio.affect.imaging.ImagingModel;
import org.sentio.affect.imaging.ImagingModelException;
import org.sentio.affect.imaging.ImagingSpec;
import org.sentio.affect.triage.ImagingFinding;
import org.sentio.app.ui.Engine;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;
import org.sentio.capture.dicom.DicomSlice;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelManifest;

/**
 * The clinical page's pluggable imaging model: the user picks an installed model folder, Sentio
 * checks its manifest against the graph, and each finding on the current slice is shown next to the
 * model's stated validation figures before it goes to the triage card. Opening, scoring and closing
 * the model run off the JavaFX thread, one at a time, so the session is never closed while it runs.
 */
final class ImagingPanel extends VBox {
  private static final String ERROR_STYLE = "-fx-text-fill: #b00020;";

  /** The slice the viewer shows, with its 1-based number; null when no study is open. */
  record CurrentSlice(DicomSlice slice, int number) {}

  private final I18n i18n;
  private final Engine engine;
  private final TaskExecutor executor;
  private final Supplier<CurrentSlice> currentSlice;
  private final Consumer<ImagingFinding> findings;

  private final Button choose = new Button();
  private final Button analyse = new Button();
  private final ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
  private final Label modelDetails = new Label();
  private final Label finding = new Label();
  private final Label status = new Label();

  private ImagingModel model;
  private boolean busy;
  private boolean disposed;

  /**
   * @param currentSlice the slice on screen, or null without a study
   * @param findings where each new finding goes (the triage card); null clears it
   */
  ImagingPanel(
      I18n i18n,
      Engine engine,
      TaskExecutor executor,
      ClinicalChoosers choosers,
      Supplier<Window> window,
      Supplier<CurrentSlice> currentSlice,
      Consumer<ImagingFinding> findings) {
    super(4);
    this.i18n = i18n;
    this.engine = engine;
    this.executor = executor;
    this.currentSlice = currentSlice;
    this.findings = findings;
    setId("clinical-imaging");

    Label title = new Label(i18n.get("clinical.imaging"));
    title.setId("clinical-imaging-title");
    title.setStyle("-fx-font-weight: bold;");
    choose.setId("clinical-imaging-choose");
    choose.setText(i18n.get("clinical.imaging.choose"));
    choose.setOnAction(
        e -> {
          Path folder = choosers.imagingModel(window.get());
          if (folder != null) {
            open(folder);
          }
        });
    analyse.setId("clinical-imaging-analyse");
    analyse.setText(i18n.get("clinical.imaging.analyse"));
    analyse.setOnAction(e -> analyseCurrentSlice());
    progress.setId("clinical-imaging-progress");
    progress.setPrefWidth(200);
    progress.setVisible(false);
    progress.managedProperty().bind(progress.visibleProperty());
    modelDetails.setId("clinical-imaging-model");
    modelDetails.setWrapText(true);
    modelDetails.setText(i18n.get("clinical.imaging.none"));
    finding.setId("clinical-imaging-finding");
    finding.setWrapText(true);
    finding.visibleProperty().bind(finding.textProperty().isNotEmpty());
    finding.managedProperty().bind(finding.visibleProperty());
    status.setId("clinical-imaging-status");
    status.setWrapText(true);
    getChildren()
        .addAll(
            title, new FlowPane(6, 6, choose, analyse), progress, modelDetails, finding, status);
  }

  /** Checks and opens the model in {@code folder}; a refusal keeps the model in use, if any. */
  void open(Path folder) {
    if (busy) {
      return;
    }
    setBusy(true);
    showStatus(i18n.get("clinical.imaging.opening", folder), false);
    executor.background(
        () -> {
          try {
            ImagingModel opened = ImagingModel.open(engine.host(), folder);
            executor.ui(() -> opened(opened));
          } catch (ImagingModelException | RuntimeException e) {
            executor.ui(() -> refused(folder, e.getMessage()));
          }
        });
  }

  private void opened(ImagingModel opened) {
    ImagingModel previous = model;
    model = opened;
    finding.setText("");
    findings.accept(null);
    showModel();
    showStatus("", false);
    if (previous != null) {
      executor.background(() -> closeQuietly(previous));
    }
    finished();
  }

  private void refused(Path folder, String reason) {
    String message = i18n.get("clinical.imaging.refused", folder, reason);
    if (model != null) {
      message += "\n" + i18n.get("clinical.imaging.kept", modelName(model.manifest()));
    }
    showStatus(message, true);
    finished();
  }

  private void showModel() {
    ModelManifest m = model.manifest();
    ImagingSpec spec = model.spec();
    modelDetails.setText(
        i18n.get(
            "clinical.imaging.model",
            modelName(m),
            spec.finding(),
            fmt(spec.threshold()),
            spec.intendedUse(),
            spec.validation()));
  }

  /** Scores the slice on screen with the model in use and hands the finding to the card. */
  void analyseCurrentSlice() {
    if (busy) {
      return;
    }
    if (model == null) {
      showStatus(i18n.get("clinical.imaging.noModel"), true);
      return;
    }
    CurrentSlice current = currentSlice.get();
    if (current == null) {
      showStatus(i18n.get("clinical.imaging.noStudy"), true);
      return;
    }
    ImagingModel scoring = model;
    setBusy(true);
    showStatus(
        i18n.get(
            "clinical.imaging.analysing",
            String.valueOf(current.number()),
            modelName(scoring.manifest())),
        false);
    executor.background(
        () -> {
          try {
            ImagingFinding result = scoring.analyse(current.slice());
            executor.ui(() -> analysed(current.number(), result));
          } catch (ImagingModelException | RuntimeException e) {
            executor.ui(
                () -> {
                  showStatus(i18n.get("clinical.imaging.failed", e.getMessage()), true);
                  finished();
                });
          }
        });
  }

  private void analysed(int sliceNumber, ImagingFinding result) {
    finding.setText(
        i18n.get(
            "clinical.imaging.finding",
            String.valueOf(sliceNumber),
            result.model(),
            fmt(result.score()),
            fmt(result.threshold()),
            result.positive()
                ? i18n.get("clinical.imaging.positive", result.finding())
                : i18n.get("clinical.imaging.negative"),
            result.validation()));
    showStatus("", false);
    findings.accept(result);
    finished();
  }

  /** A finding belongs to one study: a new study clears it. */
  void studyChanged() {
    finding.setText("");
    findings.accept(null);
  }

  private void setBusy(boolean value) {
    busy = value;
    progress.setVisible(value);
    choose.setDisable(value);
    analyse.setDisable(value);
  }

  private void finished() {
    setBusy(false);
    if (disposed) {
      closeModel();
    }
  }

  private void showStatus(String text, boolean error) {
    status.setStyle(error ? ERROR_STYLE : "");
    status.setText(text);
  }

  /** Closes the model now, or as soon as the work in progress ends. */
  void dispose() {
    disposed = true;
    if (!busy) {
      closeModel();
    }
  }

  private void closeModel() {
    ImagingModel closing = model;
    model = null;
    if (closing != null) {
      executor.background(() -> closeQuietly(closing));
    }
  }

  private static void closeQuietly(ImagingModel closing) {
    try {
      closing.close();
    } catch (ModelException e) {
      // the session is being let go; there is nothing left to tell the user about it
    }
  }

  private static String modelName(ModelManifest m) {
    return m.name() + " " + m.version();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
