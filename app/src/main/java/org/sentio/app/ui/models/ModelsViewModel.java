package org.sentio.app.ui.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.ui.Engine;
import org.sentio.app.ui.ErrorReporter;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;
import org.sentio.learning.gate.ModelGate;
import org.sentio.learning.gate.ModelTask;
import org.sentio.learning.gate.ModelVersion;
import org.sentio.learning.gate.ModelVersions;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelVerification;

/**
 * Installed models with manifest, licence, model card, verification and privacy budget; the fusion
 * model's versions, adopted and rolled back through the A/B gate; the execution provider in use and
 * why; the expert load of the session under review.
 */
public final class ModelsViewModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Engine engine;
  private final TaskExecutor executor;
  private final ErrorReporter errors;
  private final I18n i18n;
  private final ObservableList<ModelRow> models = FXCollections.observableArrayList();
  private final ObjectProperty<ModelRow> selected = new SimpleObjectProperty<>();
  private final StringProperty provider = new SimpleStringProperty("");
  private final StringProperty card = new SimpleStringProperty("");
  private final StringProperty licence = new SimpleStringProperty("");
  private final ObservableList<Map.Entry<Integer, Double>> expertLoad =
      FXCollections.observableArrayList();
  private final StringProperty expertNote = new SimpleStringProperty("");
  private final Path candidates;
  private final ObservableList<ModelVersion> versions = FXCollections.observableArrayList();
  private final StringProperty versionNote = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final BooleanProperty listing = new SimpleBooleanProperty(false);

  /**
   * @param candidates the folder of candidate models (the data folder's {@code candidates}, where
   *     {@code sentio train fusion --dp} writes), or null
   */
  public ModelsViewModel(
      Engine engine, TaskExecutor executor, ErrorReporter errors, I18n i18n, Path candidates) {
    this.engine = engine;
    this.executor = executor;
    this.errors = errors;
    this.i18n = i18n;
    this.candidates = candidates;
    selected.addListener((o, a, b) -> readTexts(b));
  }

  /**
   * The versions of the fusion model and of the text models, each model's in turn: the one in use,
   * those adoptions kept and rollbacks set aside, and the candidates; with their held-out figures
   * and privacy budget.
   */
  public ObservableList<ModelVersion> versions() {
    return versions;
  }

  /** What the last adoption or rollback did. */
  public StringProperty versionNoteProperty() {
    return versionNote;
  }

  /** True while an adoption or rollback runs. */
  public BooleanProperty busyProperty() {
    return busy;
  }

  /**
   * True while the installed models are listed and their checksums verified: hashing every model
   * takes seconds, and tens of seconds on a busy machine, so the page says it is checking.
   */
  public BooleanProperty listingProperty() {
    return listing;
  }

  /** Whether an adoption left a version that {@link #rollback()} can restore. */
  public boolean canRollBack() {
    return versions.stream().anyMatch(v -> v.state() == ModelVersion.State.PREVIOUS);
  }

  /**
   * Makes the candidate {@code version} the model of its task in use, off the UI thread; a refusal
   * of the gate (not compared, compared with another model, altered file) is shown as an error and
   * changes nothing. The view asks for confirmation first.
   */
  public void adopt(ModelVersion version) {
    gateStep(
        "error.models.adopt",
        () -> {
          ModelGate.Adopted adopted = ModelGate.adopt(version.folder(), modelsFolder());
          return i18n.get(
              "models.versions.adopted",
              adopted.candidate().task().modelName + " " + adopted.candidate().version(),
              adopted.verdict());
        });
  }

  /**
   * The model a rollback restores with {@code selected} chosen (or none): the selected version's
   * model when an adoption kept a previous version of it, else the model adopted last.
   */
  public Optional<ModelTask> rollbackTarget(ModelVersion selected) {
    List<ModelVersion> kept =
        versions.stream().filter(v -> v.state() == ModelVersion.State.PREVIOUS).toList();
    if (selected != null && kept.stream().anyMatch(v -> v.task() == selected.task())) {
      return Optional.of(selected.task());
    }
    return kept.stream()
        .filter(v -> v.since() != null)
        .max(Comparator.comparing(ModelVersion::since))
        .or(() -> kept.stream().findFirst())
        .map(ModelVersion::task);
  }

  /** The version of {@code task}'s model in use, or "?" when none is listed. */
  public String inUseVersion(ModelTask task) {
    return versions.stream()
        .filter(v -> v.task() == task && v.state() == ModelVersion.State.IN_USE)
        .map(ModelVersion::version)
        .findFirst()
        .orElse("?");
  }

  /**
   * Restores the version of the {@link #rollbackTarget} model that its last adoption replaced, off
   * the UI thread.
   */
  public void rollback(ModelVersion selected) {
    Optional<ModelTask> target = rollbackTarget(selected);
    if (target.isEmpty()) {
      return;
    }
    gateStep(
        "error.models.rollback",
        () ->
            i18n.get(
                "models.versions.rolledBack",
                target.get().modelName
                    + " "
                    + ModelGate.rollback(modelsFolder(), target.get()).version()));
  }

  /** One step of the gate that either says what it did or is refused. */
  private interface GateStep {
    String run() throws ModelGate.Refusal, IOException;
  }

  private void gateStep(String errorTitle, GateStep step) {
    busy.set(true);
    executor.background(
        () -> {
          try {
            String done = step.run();
            executor.ui(
                () -> {
                  versionNote.set(done);
                  busy.set(false);
                  refresh();
                });
          } catch (ModelGate.Refusal e) {
            executor.ui(
                () -> {
                  busy.set(false);
                  errors.show(i18n.get(errorTitle), e.getMessage(), e);
                });
          } catch (IOException | RuntimeException e) {
            executor.ui(
                () -> {
                  busy.set(false);
                  errors.show(
                      i18n.get(errorTitle),
                      i18n.get("models.versions.ioFailed", String.valueOf(e.getMessage())),
                      e);
                });
          }
        });
  }

  private Path modelsFolder() {
    return engine.registry().directory();
  }

  private List<ModelVersion> history() throws IOException {
    List<ModelVersion> all = new ArrayList<>();
    for (ModelTask task : ModelTask.values()) {
      all.addAll(new ModelVersions(modelsFolder(), task).history(candidates));
    }
    return all;
  }

  public ObservableList<ModelRow> models() {
    return models;
  }

  public ObjectProperty<ModelRow> selectedProperty() {
    return selected;
  }

  public StringProperty providerProperty() {
    return provider;
  }

  public StringProperty cardProperty() {
    return card;
  }

  public StringProperty licenceProperty() {
    return licence;
  }

  public ObservableList<Map.Entry<Integer, Double>> expertLoad() {
    return expertLoad;
  }

  public StringProperty expertNoteProperty() {
    return expertNote;
  }

  /** Lists and verifies the installed models and asks the host which provider it uses. */
  public void refresh() {
    executor.ui(() -> listing.set(true));
    executor.background(
        () -> {
          try {
            List<ModelRow> rows = new ArrayList<>();
            for (InstalledModel m : engine.registry().list()) {
              rows.add(privacy(m, engine.registry().verify(m)));
            }
            List<ModelVersion> history;
            try {
              history = history();
            } catch (IOException e) {
              history = List.of();
              executor.ui(
                  () ->
                      errors.show(
                          i18n.get("error.models.title"),
                          i18n.get("models.versions.ioFailed", String.valueOf(e.getMessage())),
                          e));
            }
            List<ModelVersion> found = history;
            String choice;
            try {
              choice = engine.host().providerChoice().describe();
            } catch (RuntimeException | LinkageError e) {
              choice = i18n.get("models.provider.failed", String.valueOf(e.getMessage()));
            }
            String described = choice;
            executor.ui(
                () -> {
                  models.setAll(rows);
                  versions.setAll(found);
                  provider.set(described);
                  if (!rows.isEmpty() && selected.get() == null) {
                    selected.set(rows.get(0));
                  }
                  listing.set(false);
                });
          } catch (ModelException e) {
            executor.ui(
                () -> {
                  listing.set(false);
                  errors.show(i18n.get("error.models.title"), e.getMessage(), e);
                });
          }
        });
  }

  /** Shows how often each expert was chosen, weighted by its gate weight, in {@code session}. */
  public void showExpertLoad(SessionResult session) {
    expertLoad.clear();
    if (session == null) {
      expertNote.set(i18n.get("models.experts.noSession"));
      return;
    }
    Map<Integer, Double> load = new TreeMap<>();
    double total = 0;
    for (AffectWindow w : session.windows()) {
      for (ExpertChoice c : w.fused().experts()) {
        load.merge(c.expert(), c.weight(), Double::sum);
        total += c.weight();
      }
    }
    if (load.isEmpty()) {
      expertNote.set(
          i18n.get("models.experts.none", session.title(), String.valueOf(session.fusionMethod())));
      return;
    }
    for (Map.Entry<Integer, Double> e : load.entrySet()) {
      expertLoad.add(Map.entry(e.getKey(), e.getValue() / total));
    }
    expertNote.set(i18n.get("models.experts.of", session.title(), session.windows().size()));
  }

  /** The row of {@code model}, with the ε and δ its manifest records for a DP-trained model. */
  private static ModelRow privacy(InstalledModel model, ModelVerification verification) {
    OptionalDouble epsilon = OptionalDouble.empty();
    OptionalDouble delta = OptionalDouble.empty();
    try {
      JsonNode p =
          JSON.readTree(model.directory().resolve("manifest.json").toFile()).get("privacy");
      if (p != null && p.path("epsilon").isNumber() && p.path("delta").isNumber()) {
        epsilon = OptionalDouble.of(p.get("epsilon").asDouble());
        delta = OptionalDouble.of(p.get("delta").asDouble());
      }
    } catch (IOException e) {
      // the registry has read this manifest already; unreadable now means no privacy figures
    }
    return new ModelRow(model, verification, epsilon, delta);
  }

  private void readTexts(ModelRow row) {
    if (row == null) {
      card.set("");
      licence.set("");
      return;
    }
    executor.background(
        () -> {
          String c = read(row.model().directory(), row.model().manifest().modelCard());
          String l = read(row.model().directory(), row.model().manifest().licenceFile());
          executor.ui(
              () -> {
                card.set(c);
                licence.set(l);
              });
        });
  }

  private String read(Path dir, String name) {
    if (name == null) {
      return i18n.get("models.missingText");
    }
    try {
      return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return i18n.get("models.unreadable", dir.resolve(name));
    }
  }
}
