package org.sentio.app.ui.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
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
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;

/**
 * Installed models with manifest, licence, model card and verification; the execution provider in
 * use and why; the expert load of the session under review.
 */
public final class ModelsViewModel {
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

  public ModelsViewModel(Engine engine, TaskExecutor executor, ErrorReporter errors, I18n i18n) {
    this.engine = engine;
    this.executor = executor;
    this.errors = errors;
    this.i18n = i18n;
    selected.addListener((o, a, b) -> readTexts(b));
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
    executor.background(
        () -> {
          try {
            List<ModelRow> rows = new ArrayList<>();
            for (InstalledModel m : engine.registry().list()) {
              rows.add(new ModelRow(m, engine.registry().verify(m)));
            }
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
                  provider.set(described);
                  if (!rows.isEmpty() && selected.get() == null) {
                    selected.set(rows.get(0));
                  }
                });
          } catch (ModelException e) {
            executor.ui(() -> errors.show(i18n.get("error.models.title"), e.getMessage(), e));
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
