package org.sentio.app.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sentio.automation.engine.Records.Artifact;
import org.sentio.automation.engine.Records.ArtifactKind;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.SavedWorkflow;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.StepStatus;
import org.sentio.automation.engine.WorkflowStore;
import org.sentio.automation.engine.WorkflowStoreException;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowException;
import org.sentio.automation.workflow.WorkflowJson;

/**
 * Workflows, runs, step states, outputs and decisions in the same SQLite file as the sessions
 * (tables of migration V9), on a connection of its own. Every call commits before it returns.
 */
public final class WorkflowRepository implements WorkflowStore, AutoCloseable {

  private final Path databaseFile;
  private final Connection connection;

  private WorkflowRepository(Path databaseFile, Connection connection) {
    this.databaseFile = databaseFile;
    this.connection = connection;
  }

  /**
   * Opens the workflow tables of the store in {@code dataDirectory}, creating and migrating the
   * store first when needed.
   */
  public static WorkflowRepository open(Path dataDirectory) throws StoreException {
    Path database;
    try (SessionStore store = SessionStore.open(dataDirectory)) { // creates and migrates
      database = store.databaseFile();
    }
    return new WorkflowRepository(database, StoreConnections.open(database, "the workflow tables"));
  }

  private WorkflowStoreException failure(String what, SQLException e) {
    return new WorkflowStoreException(
        databaseFile + ": cannot " + what + " (" + e.getMessage() + ")", e);
  }

  @Override
  public synchronized boolean saveWorkflow(Workflow workflow, Instant createdAt)
      throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT OR IGNORE INTO workflow (name, definition, paused, created_at, checked_up_to)"
                + " VALUES (?, ?, 0, ?, ?)")) {
      s.setString(1, workflow.name());
      s.setString(2, WorkflowJson.write(workflow));
      s.setString(3, createdAt.toString());
      s.setString(4, createdAt.toString());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("save workflow " + workflow.name(), e);
    }
  }

  @Override
  public synchronized Optional<SavedWorkflow> workflow(String name) throws WorkflowStoreException {
    List<SavedWorkflow> found = queryWorkflows("WHERE name = ?", name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public synchronized List<SavedWorkflow> workflows() throws WorkflowStoreException {
    return queryWorkflows("", null);
  }

  private List<SavedWorkflow> queryWorkflows(String where, String name)
      throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT name, definition, paused, created_at, checked_up_to FROM workflow "
                + where
                + " ORDER BY name")) {
      if (name != null) {
        s.setString(1, name);
      }
      List<SavedWorkflow> workflows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Workflow workflow;
          try {
            workflow = WorkflowJson.read(r.getString(2), "workflow " + r.getString(1));
          } catch (WorkflowException e) {
            throw new WorkflowStoreException(databaseFile + ": " + e.getMessage(), e);
          }
          workflows.add(
              new SavedWorkflow(
                  workflow,
                  r.getInt(3) == 1,
                  Instant.parse(r.getString(4)),
                  Instant.parse(r.getString(5))));
        }
      }
      return workflows;
    } catch (SQLException e) {
      throw failure("read workflows", e);
    }
  }

  @Override
  public synchronized boolean deleteWorkflow(String name) throws WorkflowStoreException {
    return update("delete workflow " + name, "DELETE FROM workflow WHERE name = ?", name) == 1;
  }

  @Override
  public synchronized boolean setPaused(String name, boolean paused) throws WorkflowStoreException {
    return update(
            "pause workflow " + name,
            "UPDATE workflow SET paused = ? WHERE name = ?",
            paused ? 1 : 0,
            name)
        == 1;
  }

  @Override
  public synchronized void setCheckedUpTo(String name, Instant instant)
      throws WorkflowStoreException {
    update(
        "update workflow " + name,
        "UPDATE workflow SET checked_up_to = ? WHERE name = ?",
        instant.toString(),
        name);
  }

  @Override
  public synchronized Optional<Long> startRun(
      String workflow, String definition, String trigger, String fireKey, Instant at)
      throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT OR IGNORE INTO workflow_run (workflow, definition, trigger, fire_key, status,"
                + " started_at) VALUES (?, ?, ?, ?, 'running', ?)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, workflow);
      s.setString(2, definition);
      s.setString(3, trigger);
      s.setString(4, fireKey);
      s.setString(5, at.toString());
      if (s.executeUpdate() == 0) {
        return Optional.empty();
      }
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return Optional.of(keys.getLong(1));
      }
    } catch (SQLException e) {
      throw failure("start a run of " + workflow, e);
    }
  }

  private static final String RUN_COLUMNS =
      "id, workflow, definition, trigger, status, message, started_at, finished_at";

  @Override
  public synchronized Optional<Run> run(long id) throws WorkflowStoreException {
    List<Run> runs = queryRuns("WHERE id = ?", id, 1);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }

  @Override
  public synchronized Optional<String> runOwner(long id) throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT owner FROM workflow_run WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read the owner of run " + id, e);
    }
  }

  @Override
  public synchronized boolean claimRun(long id, String owner, String expected)
      throws WorkflowStoreException {
    return update(
            "claim run " + id,
            "UPDATE workflow_run SET owner = ? WHERE id = ? AND owner IS ?",
            owner,
            id,
            expected)
        == 1;
  }

  @Override
  public synchronized List<Run> runs(String workflow, int limit) throws WorkflowStoreException {
    return workflow == null
        ? queryRuns("", null, limit)
        : queryRuns("WHERE workflow = ?", workflow, limit);
  }

  private List<Run> queryRuns(String where, Object value, int limit) throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT "
                + RUN_COLUMNS
                + " FROM workflow_run "
                + where
                + " ORDER BY id DESC LIMIT ?")) {
      int i = 1;
      if (value != null) {
        s.setObject(i++, value);
      }
      s.setInt(i, limit);
      List<Run> runs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          runs.add(
              new Run(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  RunStatus.valueOf(r.getString(5).toUpperCase(Locale.ROOT)),
                  r.getString(6),
                  Instant.parse(r.getString(7)),
                  instant(r.getString(8))));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw failure("read runs", e);
    }
  }

  @Override
  public synchronized void setRunStatus(long id, RunStatus status, String message, Instant at)
      throws WorkflowStoreException {
    update(
        "update run " + id,
        "UPDATE workflow_run SET status = ?, message = ?, finished_at = ? WHERE id = ?",
        status.name().toLowerCase(Locale.ROOT),
        message,
        status.finished() ? at.toString() : null,
        id);
  }

  @Override
  public synchronized List<StepRun> steps(long runId) throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT step_id, status, attempts, output, message, started_at, finished_at"
                + " FROM workflow_step WHERE run_id = ? ORDER BY started_at, rowid")) {
      s.setLong(1, runId);
      List<StepRun> steps = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          steps.add(
              new StepRun(
                  runId,
                  r.getString(1),
                  StepStatus.valueOf(r.getString(2).toUpperCase(Locale.ROOT)),
                  r.getInt(3),
                  r.getString(4),
                  r.getString(5),
                  Instant.parse(r.getString(6)),
                  instant(r.getString(7))));
        }
      }
      return steps;
    } catch (SQLException e) {
      throw failure("read the steps of run " + runId, e);
    }
  }

  @Override
  public synchronized void stepStarted(long runId, String stepId, int attempt, Instant at)
      throws WorkflowStoreException {
    update(
        "record step " + stepId,
        "INSERT INTO workflow_step (run_id, step_id, status, attempts, started_at)"
            + " VALUES (?, ?, 'running', ?, ?) ON CONFLICT (run_id, step_id) DO UPDATE SET"
            + " status = 'running', attempts = excluded.attempts, finished_at = NULL",
        runId,
        stepId,
        attempt,
        at.toString());
  }

  @Override
  public synchronized void stepFinished(
      long runId, String stepId, StepStatus status, String output, String message, Instant at)
      throws WorkflowStoreException {
    update(
        "record step " + stepId,
        "UPDATE workflow_step SET status = ?, output = ?, message = ?, finished_at = ?"
            + " WHERE run_id = ? AND step_id = ?",
        status.name().toLowerCase(Locale.ROOT),
        output,
        message,
        status == StepStatus.WAITING ? null : at.toString(),
        runId,
        stepId);
  }

  @Override
  public synchronized long addArtifact(
      long runId, String stepId, ArtifactKind kind, String ref, Long sessionId)
      throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO workflow_artifact (run_id, step_id, kind, ref, session_id)"
                + " VALUES (?, ?, ?, ?, ?)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
      s.setLong(1, runId);
      s.setString(2, stepId);
      s.setString(3, kind.name().toLowerCase(Locale.ROOT));
      s.setString(4, ref);
      if (sessionId == null) {
        s.setNull(5, Types.INTEGER);
      } else {
        s.setLong(5, sessionId);
      }
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("record an output of run " + runId, e);
    }
  }

  @Override
  public synchronized List<Artifact> artifacts(long runId) throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT id, step_id, kind, ref, session_id FROM workflow_artifact WHERE run_id = ?"
                + " ORDER BY id")) {
      s.setLong(1, runId);
      List<Artifact> artifacts = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long session = r.getLong(5);
          artifacts.add(
              new Artifact(
                  r.getLong(1),
                  runId,
                  r.getString(2),
                  ArtifactKind.valueOf(r.getString(3).toUpperCase(Locale.ROOT)),
                  r.getString(4),
                  r.wasNull() ? null : session));
        }
      }
      return artifacts;
    } catch (SQLException e) {
      throw failure("read the outputs of run " + runId, e);
    }
  }

  @Override
  public synchronized void removeArtifact(long artifactId) throws WorkflowStoreException {
    update("forget an output", "DELETE FROM workflow_artifact WHERE id = ?", artifactId);
  }

  @Override
  public synchronized Set<String> seenFiles(String workflow) throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT DISTINCT a.ref FROM workflow_artifact a JOIN workflow_run r ON a.run_id = r.id"
                + " WHERE r.workflow = ? AND a.kind = 'seen'")) {
      s.setString(1, workflow);
      Set<String> files = new LinkedHashSet<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          files.add(r.getString(1));
        }
      }
      return files;
    } catch (SQLException e) {
      throw failure("read the files of " + workflow, e);
    }
  }

  @Override
  public synchronized void log(long runId, String stepId, Instant at, String message)
      throws WorkflowStoreException {
    update(
        "write the history of run " + runId,
        "INSERT INTO workflow_log (run_id, step_id, at, message) VALUES (?, ?, ?, ?)",
        runId,
        stepId,
        at.toString(),
        message);
  }

  @Override
  public synchronized List<LogLine> log(long runId) throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT step_id, at, message FROM workflow_log WHERE run_id = ? ORDER BY id")) {
      s.setLong(1, runId);
      List<LogLine> lines = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lines.add(
              new LogLine(runId, r.getString(1), Instant.parse(r.getString(2)), r.getString(3)));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw failure("read the history of run " + runId, e);
    }
  }

  @Override
  public synchronized void decide(Decision decision, Instant at) throws WorkflowStoreException {
    update(
        "record the decision on run " + decision.runId(),
        "INSERT INTO workflow_decision (run_id, step_id, verdict, note, keep, at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        decision.runId(),
        decision.stepId(),
        decision.verdict(),
        decision.note(),
        decision.keep(),
        at.toString());
  }

  @Override
  public synchronized Optional<Decision> decision(long runId, String stepId)
      throws WorkflowStoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT verdict, note, keep FROM workflow_decision WHERE run_id = ? AND step_id = ?")) {
      s.setLong(1, runId);
      s.setString(2, stepId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Decision(runId, stepId, r.getString(1), r.getString(2), r.getString(3)));
      }
    } catch (SQLException e) {
      throw failure("read the decision on run " + runId, e);
    }
  }

  private int update(String what, String sql, Object... values) throws WorkflowStoreException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(databaseFile + ": cannot close (" + e.getMessage() + ")", e);
    }
  }
}
