package org.sentio.app.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;

/**
 * Sessions recorded live: stored at once (source "live", marked as recording) so that their windows
 * can be appended as they are analysed and survive a crash, then finished or marked interrupted.
 * The same session aggregate as {@link SessionRepository}, on the store's one connection.
 */
public final class LiveSessionRepository {
  private final StoreDatabase db;
  private final SessionRows sessionRows;
  private final WindowRows windowRows;
  private final ExpertLoadRows expertLoadRows;

  LiveSessionRepository(StoreDatabase db) {
    this.db = db;
    this.sessionRows = new SessionRows(db.connection());
    this.windowRows = new WindowRows(db.connection());
    this.expertLoadRows = new ExpertLoadRows(db.connection());
  }

  /** Starts a live session and returns its id. */
  public long begin(String title, AnalysisOptions options, MediaSummary media)
      throws StoreException {
    SessionResult header =
        SessionResult.builder(title, Instant.now(), options).media(media).build();
    return db.write(
        () -> {
          long id = sessionRows.insertSession(header, "done", null);
          try (PreparedStatement s =
              db.connection()
                  .prepareStatement(
                      "UPDATE session SET source = 'live', recording = 1 WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          sessionRows.insertMedia(id, media);
          return id;
        });
  }

  /**
   * Appends analysed windows to a live session and moves its duration to {@code durationSeconds},
   * in one transaction.
   */
  public void appendWindows(
      long id, List<AffectWindow> windows, double durationSeconds, String fusionMethod)
      throws StoreException {
    db.write(
        () -> {
          windowRows.insertWindows(id, windows);
          sessionRows.updateDuration(id, durationSeconds, fusionMethod);
          return null;
        });
  }

  /**
   * Marks a live session whose recording never finished (its process died, or its analysis stopped)
   * as failed with {@code failure}, keeping the windows stored so far; false when the session is
   * not (or no longer) recording.
   */
  public boolean markInterrupted(long id, String failure) throws StoreException {
    return db.write(
        () -> {
          try (PreparedStatement s =
              db.connection()
                  .prepareStatement(
                      "UPDATE session SET recording = 0, status = 'failed', failure = ?"
                          + " WHERE id = ? AND recording = 1")) {
            s.setString(1, failure);
            s.setLong(2, id);
            return s.executeUpdate() > 0;
          }
        });
  }

  /**
   * Marks a live session as finished, with its final duration, the models it used and its expert
   * load (null when the fusion method has no experts).
   */
  public void finish(
      long id,
      double durationSeconds,
      List<ModelUse> models,
      String fusionMethod,
      ExpertTelemetry expertLoad)
      throws StoreException {
    db.write(
        () -> {
          sessionRows.updateDuration(id, durationSeconds, fusionMethod);
          try (PreparedStatement s =
              db.connection().prepareStatement("UPDATE session SET recording = 0 WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          try (PreparedStatement s =
              db.connection().prepareStatement("DELETE FROM model_use WHERE session_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          sessionRows.insertModels(id, models);
          expertLoadRows.insert(id, expertLoad);
          return null;
        });
  }
}
