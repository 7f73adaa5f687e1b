package org.sentio.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels people put on spans of stored sessions (table {@code annotation}), on the store's one
 * connection ({@link StoreDatabase}). An annotation is deleted with its session.
 */
public final class AnnotationRepository {
  private final StoreDatabase db;

  AnnotationRepository(StoreDatabase db) {
    this.db = db;
  }

  /**
   * Stores a label on a span of a session and returns it with its id.
   *
   * @throws IllegalArgumentException when the span is empty or the label or author is blank
   */
  public Annotation add(
      long sessionId, double start, double end, String label, String author, String note)
      throws StoreException {
    if (!(end > start) || start < 0) {
      throw new IllegalArgumentException(
          "an annotation needs a span that ends after it starts, got " + start + " to " + end);
    }
    if (label == null || label.isBlank() || author == null || author.isBlank()) {
      throw new IllegalArgumentException("an annotation needs a label and an author");
    }
    Instant now = Instant.now();
    long id =
        db.write(
            () -> {
              try (PreparedStatement s =
                  db.connection()
                      .prepareStatement(
                          "INSERT INTO annotation (session_id, start_seconds, end_seconds, label,"
                              + " author, created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, sessionId);
                s.setDouble(2, start);
                s.setDouble(3, end);
                s.setString(4, label);
                s.setString(5, author);
                s.setString(6, now.toString());
                s.setString(7, note);
                s.executeUpdate();
              }
              try (PreparedStatement s =
                      db.connection().prepareStatement("SELECT last_insert_rowid()");
                  ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
              }
            });
    return new Annotation(id, sessionId, start, end, label, author, now, note);
  }

  /** A session's annotations in time order. */
  public List<Annotation> list(long sessionId) throws StoreException {
    return db.read(
        "read annotations of session " + sessionId,
        () -> {
          try (PreparedStatement s =
              db.connection()
                  .prepareStatement(
                      "SELECT * FROM annotation WHERE session_id = ? ORDER BY start_seconds, id")) {
            s.setLong(1, sessionId);
            List<Annotation> annotations = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                annotations.add(
                    new Annotation(
                        rows.getLong("id"),
                        rows.getLong("session_id"),
                        rows.getDouble("start_seconds"),
                        rows.getDouble("end_seconds"),
                        rows.getString("label"),
                        rows.getString("author"),
                        Instant.parse(rows.getString("created_at")),
                        rows.getString("note")));
              }
            }
            return annotations;
          }
        });
  }

  /** Deletes one annotation; false when there was none. */
  public boolean delete(long annotationId) throws StoreException {
    return db.write(
        () -> {
          try (PreparedStatement s =
              db.connection().prepareStatement("DELETE FROM annotation WHERE id = ?")) {
            s.setLong(1, annotationId);
            return s.executeUpdate() > 0;
          }
        });
  }
}
