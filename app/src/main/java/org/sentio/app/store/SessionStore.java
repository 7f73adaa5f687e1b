package org.sentio.app.store;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * An open session store: one SQLite file ({@code sentio.db} in the data folder), schema kept by
 * Flyway, and the repositories of its aggregates, which share its one connection and transaction
 * ({@link StoreDatabase}). It is what callers open, pass around and close; the reading and writing
 * is the repositories'. Several processes may use the same file at once: the database runs in WAL
 * mode, waits on locks, and migrations run under a file lock.
 */
public final class SessionStore implements AutoCloseable {
  public static final String DATABASE_FILE = "sentio.db";

  private final StoreDatabase db;
  private final SessionRepository sessions;
  private final LiveSessionRepository liveSessions;
  private final AnnotationRepository annotations;
  private final TagRepository tags;
  private final WindowEmbeddingRepository embeddings;

  private SessionStore(StoreDatabase db) {
    this.db = db;
    this.sessions = new SessionRepository(db);
    this.liveSessions = new LiveSessionRepository(db);
    this.annotations = new AnnotationRepository(db);
    this.tags = new TagRepository(db);
    this.embeddings = new WindowEmbeddingRepository(db);
  }

  /** A store on a connection made elsewhere (a benchmark's plaintext store). */
  SessionStore(Path databaseFile, Connection connection, FieldCipher cipher) {
    this(new StoreDatabase(databaseFile, connection, cipher));
  }

  /**
   * Opens (creating and migrating when needed) the store in {@code dataDirectory}.
   *
   * @throws StoreException naming the folder or file when it cannot be created, read or migrated
   */
  public static SessionStore open(Path dataDirectory) throws StoreException {
    return new SessionStore(StoreDatabase.open(dataDirectory));
  }

  public Path databaseFile() {
    return db.file();
  }

  /** Saved analyses: save, list, load, rename, correct, delete. */
  public SessionRepository sessions() {
    return sessions;
  }

  /** Sessions being recorded live. */
  public LiveSessionRepository liveSessions() {
    return liveSessions;
  }

  /** The labels on spans of sessions. */
  public AnnotationRepository annotations() {
    return annotations;
  }

  /** The sessions' tags. */
  public TagRepository tags() {
    return tags;
  }

  /** The windows' embeddings per modality (ADR 0059). */
  public WindowEmbeddingRepository embeddings() {
    return embeddings;
  }

  @Override
  public void close() throws StoreException {
    db.close();
  }
}
