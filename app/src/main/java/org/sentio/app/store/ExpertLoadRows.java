package org.sentio.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sentio.affect.fusion.ExpertTelemetry;

/**
 * The engine telemetry of a stored session (tables {@code expert_load} and {@code
 * expert_load_count}): how the mixture of experts spread its windows. Part of the session aggregate
 * (written with the session, deleted with it); its callers run it inside their transaction on the
 * store's one connection.
 */
final class ExpertLoadRows {
  private final Connection connection;

  ExpertLoadRows(Connection connection) {
    this.connection = connection;
  }

  void insert(long id, ExpertTelemetry load) throws SQLException {
    if (load == null) {
      return;
    }
    try (PreparedStatement s =
            connection.prepareStatement(
                "INSERT INTO expert_load (session_id, experts, top_k, capacity_factor, batch_size,"
                    + " windows, overflow, deferred_windows) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement c =
            connection.prepareStatement(
                "INSERT INTO expert_load_count (session_id, expert, windows) VALUES (?, ?, ?)")) {
      s.setLong(1, id);
      s.setInt(2, load.experts());
      s.setInt(3, load.topK());
      s.setDouble(4, load.capacityFactor());
      s.setInt(5, load.batchSize());
      s.setInt(6, load.windows());
      s.setInt(7, load.overflow());
      s.setInt(8, load.deferredWindows());
      s.executeUpdate();
      long[] counts = load.counts();
      for (int e = 0; e < counts.length; e++) {
        c.setLong(1, id);
        c.setInt(2, e);
        c.setLong(3, counts[e]);
        c.addBatch();
      }
      c.executeBatch();
    }
  }

  ExpertTelemetry read(long id) throws SQLException {
    try (PreparedStatement s =
            connection.prepareStatement("SELECT * FROM expert_load WHERE session_id = ?");
        PreparedStatement c =
            connection.prepareStatement(
                "SELECT expert, windows FROM expert_load_count WHERE session_id = ?")) {
      s.setLong(1, id);
      c.setLong(1, id);
      try (ResultSet rows = s.executeQuery();
          ResultSet countRows = c.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        long[] counts = new long[rows.getInt("experts")];
        while (countRows.next()) {
          int expert = countRows.getInt(1);
          if (expert < counts.length) {
            counts[expert] = countRows.getLong(2);
          }
        }
        return new ExpertTelemetry(
            counts.length,
            rows.getInt("top_k"),
            rows.getDouble("capacity_factor"),
            rows.getInt("batch_size"),
            rows.getInt("windows"),
            counts,
            rows.getInt("overflow"),
            rows.getInt("deferred_windows"));
      }
    }
  }
}
