package org.sentio.app.ui.library;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One file of an import batch: its progress (0–1, or -1 while unknown), state and status line. */
public final class ImportJob {
  /** Where a job is. */
  public enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED
  }

  private final StringProperty name = new SimpleStringProperty();
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.QUEUED);
  private final StringProperty status = new SimpleStringProperty("");
  private volatile boolean cancelled;
  private long sessionId = -1;

  public ImportJob(String name) {
    this.name.set(name);
  }

  public ReadOnlyStringProperty nameProperty() {
    return name;
  }

  public DoubleProperty progressProperty() {
    return progress;
  }

  public ObjectProperty<State> stateProperty() {
    return state;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public String name() {
    return name.get();
  }

  public State state() {
    return state.get();
  }

  /** Asks the job to stop; an analysis in progress stops at its next frame. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public long sessionId() {
    return sessionId;
  }

  void setSessionId(long id) {
    sessionId = id;
  }

  public boolean isFinished() {
    State s = state.get();
    return s == State.DONE || s == State.FAILED || s == State.CANCELLED;
  }
}
