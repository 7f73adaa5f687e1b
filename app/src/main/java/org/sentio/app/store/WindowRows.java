package org.sentio.app.store;

import static org.sentio.app.store.AffectColumns.bindEstimate;
import static org.sentio.app.store.AffectColumns.bindNumber;
import static org.sentio.app.store.AffectColumns.bindProbabilities;
import static org.sentio.app.store.AffectColumns.readEstimate;
import static org.sentio.app.store.AffectColumns.readNumber;
import static org.sentio.app.store.AffectColumns.readProbabilities;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;

/**
 * The analysis windows of a stored session (tables {@code analysis_window}, {@code
 * modality_estimate}, {@code fused_estimate} and {@code fused_expert}): each window's span, its
 * reading per modality, its fused reading and the experts that made it. Part of the session
 * aggregate; its callers run it inside their transaction on the store's one connection.
 */
final class WindowRows {
  private static final String INSERT_ESTIMATE =
      "INSERT INTO modality_estimate (session_id, window_idx, modality, present, "
          + AffectColumns.PROBABILITIES
          + ", valence, arousal, confidence, absence, absence_detail)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_FUSED =
      "INSERT INTO fused_estimate (session_id, window_idx, method, "
          + AffectColumns.PROBABILITIES
          + ", valence, arousal, confidence, weight_face, weight_voice, weight_text)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_EXPERT =
      "INSERT INTO fused_expert (session_id, window_idx, rank, expert, weight)"
          + " VALUES (?, ?, ?, ?, ?)";

  private final Connection connection;

  WindowRows(Connection connection) {
    this.connection = connection;
  }

  void insertWindows(long id, List<AffectWindow> windows) throws SQLException {
    try (PreparedStatement window =
            connection.prepareStatement(
                "INSERT INTO analysis_window (session_id, idx, start_seconds, end_seconds)"
                    + " VALUES (?, ?, ?, ?)");
        PreparedStatement estimate = connection.prepareStatement(INSERT_ESTIMATE);
        PreparedStatement fused = connection.prepareStatement(INSERT_FUSED);
        PreparedStatement expert = connection.prepareStatement(INSERT_EXPERT)) {
      for (AffectWindow w : windows) {
        window.setLong(1, id);
        window.setInt(2, w.index());
        window.setDouble(3, w.startSeconds());
        window.setDouble(4, w.endSeconds());
        window.addBatch();
        for (Modality m : Modality.values()) {
          AffectEstimate e = w.estimate(m);
          estimate.setLong(1, id);
          estimate.setInt(2, w.index());
          estimate.setString(3, m.label());
          bindEstimate(estimate, 4, e);
          estimate.addBatch();
        }
        addFused(fused, expert, id, w);
      }
      window.executeBatch();
      estimate.executeBatch();
      fused.executeBatch();
      expert.executeBatch();
    }
  }

  /** Adds a window's fused estimate and its experts to the two insert batches. */
  private static void addFused(
      PreparedStatement fused, PreparedStatement expert, long id, AffectWindow w)
      throws SQLException {
    FusedEstimate f = w.fused();
    fused.setLong(1, id);
    fused.setInt(2, w.index());
    fused.setString(3, f.method());
    bindProbabilities(fused, 4, f.emotions());
    bindNumber(fused, 11, f.valence());
    bindNumber(fused, 12, f.arousal());
    fused.setDouble(13, f.confidence());
    fused.setDouble(14, f.modalityWeights().getOrDefault(Modality.FACE, 0.0));
    fused.setDouble(15, f.modalityWeights().getOrDefault(Modality.VOICE, 0.0));
    fused.setDouble(16, f.modalityWeights().getOrDefault(Modality.TEXT, 0.0));
    fused.addBatch();
    int rank = 0;
    for (ExpertChoice choice : f.experts()) {
      expert.setLong(1, id);
      expert.setInt(2, w.index());
      expert.setInt(3, rank++);
      expert.setInt(4, choice.expert());
      expert.setDouble(5, choice.weight());
      expert.addBatch();
    }
  }

  /**
   * Replaces the text reading and the fused reading (with its experts) of each of {@code
   * changedWindows} of session {@code id}; the other modalities stay as stored.
   */
  void replaceTextReadings(long id, List<AffectWindow> changedWindows) throws SQLException {
    try (PreparedStatement deleteText =
            connection.prepareStatement(
                "DELETE FROM modality_estimate WHERE session_id = ? AND window_idx = ?"
                    + " AND modality = 'text'");
        PreparedStatement deleteFused =
            connection.prepareStatement(
                "DELETE FROM fused_estimate WHERE session_id = ? AND window_idx = ?");
        PreparedStatement estimate = connection.prepareStatement(INSERT_ESTIMATE);
        PreparedStatement fused = connection.prepareStatement(INSERT_FUSED);
        PreparedStatement expert = connection.prepareStatement(INSERT_EXPERT)) {
      for (AffectWindow w : changedWindows) {
        for (PreparedStatement delete : List.of(deleteText, deleteFused)) {
          delete.setLong(1, id);
          delete.setInt(2, w.index());
          delete.executeUpdate();
        }
        estimate.setLong(1, id);
        estimate.setInt(2, w.index());
        estimate.setString(3, Modality.TEXT.label());
        bindEstimate(estimate, 4, w.estimate(Modality.TEXT));
        estimate.addBatch();
        addFused(fused, expert, id, w);
      }
      estimate.executeBatch();
      fused.executeBatch();
      expert.executeBatch();
    }
  }

  List<AffectWindow> readWindows(long id) throws SQLException {
    Map<Integer, Map<Modality, AffectEstimate>> estimates = new HashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement("SELECT * FROM modality_estimate WHERE session_id = ?")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          Modality modality = Modality.valueOf(rows.getString("modality").toUpperCase());
          estimates
              .computeIfAbsent(rows.getInt("window_idx"), k -> new EnumMap<>(Modality.class))
              .put(modality, readEstimate(modality, rows));
        }
      }
    }
    Map<Integer, List<ExpertChoice>> experts = new HashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT window_idx, expert, weight FROM fused_expert WHERE session_id = ?"
                + " ORDER BY window_idx, rank")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          experts
              .computeIfAbsent(rows.getInt(1), k -> new ArrayList<>())
              .add(new ExpertChoice(rows.getInt(2), rows.getDouble(3)));
        }
      }
    }
    List<AffectWindow> windows = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT w.idx, w.start_seconds, w.end_seconds, f.* FROM analysis_window w"
                + " JOIN fused_estimate f ON f.session_id = w.session_id AND f.window_idx = w.idx"
                + " WHERE w.session_id = ? ORDER BY w.idx")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          int index = rows.getInt("idx");
          Map<Modality, Double> weights = new EnumMap<>(Modality.class);
          for (Modality m : Modality.values()) {
            double weight = rows.getDouble("weight_" + m.label());
            if (weight > 0) {
              weights.put(m, weight);
            }
          }
          FusedEstimate fused =
              new FusedEstimate(
                  readProbabilities(rows),
                  readNumber(rows, "valence"),
                  readNumber(rows, "arousal"),
                  rows.getDouble("confidence"),
                  weights,
                  experts.getOrDefault(index, List.of()),
                  rows.getString("method"));
          windows.add(
              new AffectWindow(
                  index,
                  rows.getDouble("start_seconds"),
                  rows.getDouble("end_seconds"),
                  estimates.get(index),
                  fused));
        }
      }
    }
    return windows;
  }
}
