package org.sentio.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.learning.privacy.RdpAccountant;

/**
 * The privacy ledger of a session store (tables {@code privacy_run} and {@code
 * privacy_run_session}, migration V7): every differentially private training run, the sessions and
 * windows it read, its DP-SGD parameters and the ε it spent. Later runs on the same sessions
 * compose with these: {@link #priorFor} adds up, per Rényi order, the RDP of every earlier run that
 * read any of the sessions, and takes the worst session. It keeps its own connection to the store's
 * file, opened after {@link SessionStore#open} has migrated it.
 */
public final class PrivacyLedgerRepository implements AutoCloseable {

  /** One ledger entry. */
  public record Run(
      long id,
      Instant createdAt,
      String model,
      String modelSha256,
      int windows,
      double samplingRate,
      double noiseMultiplier,
      double clip,
      long steps,
      double delta,
      double epsilon,
      String accountant,
      Map<Long, Integer> sessionWindows) {

    /** This run's RDP curve, recomputed from its parameters. */
    public RdpAccountant rdp() {
      return new RdpAccountant().plusSteps(samplingRate, noiseMultiplier, steps);
    }
  }

  /** What the accountant of a run is called in the ledger. */
  public static final String ACCOUNTANT =
      "RDP of the Poisson-subsampled Gaussian (Mironov, Talwar & Zhang 2019), Opacus orders,"
          + " Balle et al. 2020 conversion";

  private final Connection connection;

  private PrivacyLedgerRepository(Connection connection) {
    this.connection = connection;
  }

  /** The ledger of {@code store} (already migrated by opening it). */
  public static PrivacyLedgerRepository open(SessionStore store) throws StoreException {
    return new PrivacyLedgerRepository(
        StoreConnections.open(store.databaseFile(), "the privacy ledger"));
  }

  /**
   * Records a finished run in one transaction.
   *
   * @return the run's id
   */
  public synchronized long record(
      String model,
      String modelSha256,
      double samplingRate,
      double noiseMultiplier,
      double clip,
      long steps,
      double delta,
      double epsilon,
      Map<Long, Integer> sessionWindows)
      throws StoreException {
    int windows = sessionWindows.values().stream().mapToInt(Integer::intValue).sum();
    try {
      connection.setAutoCommit(false);
      long id;
      try (PreparedStatement s =
          connection.prepareStatement(
              "INSERT INTO privacy_run (created_at, model, model_sha256, windows, sampling_rate,"
                  + " noise_multiplier, clip, steps, delta, epsilon, accountant)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        s.setString(1, Instant.now().toString());
        s.setString(2, model);
        s.setString(3, modelSha256);
        s.setInt(4, windows);
        s.setDouble(5, samplingRate);
        s.setDouble(6, noiseMultiplier);
        s.setDouble(7, clip);
        s.setLong(8, steps);
        s.setDouble(9, delta);
        s.setDouble(10, epsilon);
        s.setString(11, ACCOUNTANT);
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      try (PreparedStatement s =
          connection.prepareStatement(
              "INSERT INTO privacy_run_session (run_id, session_id, windows) VALUES (?, ?, ?)")) {
        for (Map.Entry<Long, Integer> e : sessionWindows.entrySet()) {
          s.setLong(1, id);
          s.setLong(2, e.getKey());
          s.setInt(3, e.getValue());
          s.addBatch();
        }
        s.executeBatch();
      }
      connection.commit();
      return id;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("privacy ledger: cannot record the run (" + e + ")", e);
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // The connection is unusable anyway; the next call reports it.
      }
    }
  }

  /** Every run, oldest first. */
  public synchronized List<Run> runs() throws StoreException {
    List<Run> runs = new ArrayList<>();
    try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT id, created_at, model, model_sha256, windows, sampling_rate,"
                    + " noise_multiplier, clip, steps, delta, epsilon, accountant"
                    + " FROM privacy_run ORDER BY id");
        PreparedStatement sessions =
            connection.prepareStatement(
                "SELECT session_id, windows FROM privacy_run_session WHERE run_id = ?"
                    + " ORDER BY session_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Map<Long, Integer> read = new LinkedHashMap<>();
        sessions.setLong(1, r.getLong(1));
        try (ResultSet rs = sessions.executeQuery()) {
          while (rs.next()) {
            read.put(rs.getLong(1), rs.getInt(2));
          }
        }
        runs.add(
            new Run(
                r.getLong(1),
                Instant.parse(r.getString(2)),
                r.getString(3),
                r.getString(4),
                r.getInt(5),
                r.getDouble(6),
                r.getDouble(7),
                r.getDouble(8),
                r.getLong(9),
                r.getDouble(10),
                r.getDouble(11),
                r.getString(12),
                read));
      }
    } catch (SQLException e) {
      throw new StoreException("privacy ledger: cannot read (" + e + ")", e);
    }
    return runs;
  }

  /**
   * The RDP already spent on the worst of {@code sessions}: for each session the sum per order of
   * the runs that read it; the session whose composed ε at {@code delta} is largest.
   */
  public RdpAccountant priorFor(Collection<Long> sessions, double delta) throws StoreException {
    RdpAccountant worst = new RdpAccountant();
    double worstEpsilon = -1;
    List<Run> runs = runs();
    for (long session : sessions) {
      RdpAccountant composed = new RdpAccountant();
      for (Run run : runs) {
        if (run.sessionWindows().containsKey(session)) {
          composed = composed.plus(run.rdp());
        }
      }
      if (composed.isEmpty()) {
        continue;
      }
      double epsilon = composed.spent(delta).epsilon();
      if (epsilon > worstEpsilon) {
        worstEpsilon = epsilon;
        worst = composed;
      }
    }
    return worst;
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("privacy ledger: cannot close (" + e + ")", e);
    }
  }
}
