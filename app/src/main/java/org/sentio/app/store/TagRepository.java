package org.sentio.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tags people give stored sessions (table {@code session_tag}), on the store's one connection
 * ({@link StoreDatabase}). Tags are deleted with their session.
 */
public final class TagRepository {
  private final StoreDatabase db;

  TagRepository(StoreDatabase db) {
    this.db = db;
  }

  /** Replaces a session's tags (blank tags are dropped, the rest stripped). */
  public void set(long sessionId, Collection<String> newTags) throws StoreException {
    Set<String> clean = new TreeSet<>();
    for (String tag : newTags) {
      if (tag != null && !tag.isBlank()) {
        clean.add(tag.strip());
      }
    }
    db.write(
        () -> {
          try (PreparedStatement delete =
                  db.connection().prepareStatement("DELETE FROM session_tag WHERE session_id = ?");
              PreparedStatement insert =
                  db.connection()
                      .prepareStatement(
                          "INSERT INTO session_tag (session_id, tag) VALUES (?, ?)")) {
            delete.setLong(1, sessionId);
            delete.executeUpdate();
            for (String tag : clean) {
              insert.setLong(1, sessionId);
              insert.setString(2, tag);
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  /** A session's tags, sorted. */
  public List<String> list(long sessionId) throws StoreException {
    return db.read(
        "read tags of session " + sessionId,
        () -> {
          try (PreparedStatement s =
              db.connection()
                  .prepareStatement(
                      "SELECT tag FROM session_tag WHERE session_id = ? ORDER BY tag")) {
            s.setLong(1, sessionId);
            List<String> tags = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
              while (rows.next()) {
                tags.add(rows.getString(1));
              }
            }
            return tags;
          }
        });
  }
}
