package org.sentio.app.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/**
 * Sessions in one SQLite file ({@code sentio.db} in the data folder), schema kept by Flyway.
 * Several processes may use the same file at once: the database runs in WAL mode, waits on locks,
 * and migrations run under a file lock. Every save is one transaction, so a failure leaves no
 * half-written session.
 */
public final class SessionStore implements AutoCloseable {
  public static final String DATABASE_FILE = "sentio.db";
  private static final Object MIGRATION_LOCK = new Object();
  private static final String PROBABILITY_COLUMNS =
      "p_neutral, p_happy, p_sad, p_angry, p_fearful, p_disgusted, p_surprised";

  private final Path databaseFile;
  private final Connection connection;
  private final FieldCipher cipher;

  SessionStore(Path databaseFile, Connection connection, FieldCipher cipher) {
    this.databaseFile = databaseFile;
    this.connection = connection;
    this.cipher = cipher;
  }

  /**
   * Opens (creating and migrating when needed) the store in {@code dataDirectory}.
   *
   * @throws StoreException naming the folder or file when it cannot be created, read or migrated
   */
  public static SessionStore open(Path dataDirectory) throws StoreException {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new StoreException(
          dataDirectory + ": cannot create the data folder (" + e.getMessage() + ")", e);
    }
    if (!Files.isWritable(dataDirectory)) {
      throw new StoreException(
          dataDirectory + ": the data folder is not writable; choose another with --data-dir",
          null);
    }
    if (System.getProperty("org.sqlite.tmpdir") == null) {
      Path natives = dataDirectory.resolve("native");
      try {
        Files.createDirectories(natives);
        System.setProperty("org.sqlite.tmpdir", natives.toString());
      } catch (IOException e) {
        throw new StoreException(natives + ": cannot create (" + e.getMessage() + ")", e);
      }
    }
    Path database = dataDirectory.resolve(DATABASE_FILE);
    String url = "jdbc:sqlite:" + database;
    FieldCipher cipher = migrate(dataDirectory, database, url);
    return new SessionStore(database, StoreConnections.open(database, "the session store"), cipher);
  }

  private static FieldCipher migrate(Path dataDirectory, Path database, String url)
      throws StoreException {
    // A file lock keeps other processes out; it is held per JVM, so threads queue here first.
    synchronized (MIGRATION_LOCK) {
      return migrateLocked(dataDirectory, database, url);
    }
  }

  private static FieldCipher migrateLocked(Path dataDirectory, Path database, String url)
      throws StoreException {
    Path lockFile = dataDirectory.resolve("sentio.db.lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      Flyway.configure()
          .dataSource(url + "?busy_timeout=" + StoreConnections.BUSY_TIMEOUT_MS, null, null)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return StoreEncryption.prepare(database, StoreKeys.forThisUser());
    } catch (IOException e) {
      throw new StoreException(lockFile + ": cannot lock for migration (" + e + ")", e);
    } catch (FlywayException e) {
      throw new StoreException(
          database
              + ": not a Sentio session store, or one from a newer Sentio ("
              + firstLine(e.getMessage())
              + "); move it away or choose another --data-dir",
          e);
    }
  }

  public Path databaseFile() {
    return databaseFile;
  }

  /** Saves a finished analysis in one transaction and returns its id. */
  public synchronized long save(SessionResult result) throws StoreException {
    return inTransaction(
        () -> {
          long id = insertSession(result, "done", null);
          insertMedia(id, result.media());
          insertWindows(id, result.windows());
          insertTranscript(id, result.transcript());
          insertTranscriptOrigin(id, result.transcriptOrigin());
          insertSpeakers(id, result.speakers());
          SpeakerReadingRepository.insert(connection, id, result);
          insertModels(id, result.models());
          insertTracks(id, result.faceTracks());
          insertExpertLoad(id, result.expertLoad());
          return id;
        });
  }

  /** Records an analysis that failed, with the reason, and returns its id. */
  public synchronized long saveFailed(String title, AnalysisOptions options, String reason)
      throws StoreException {
    SessionResult empty =
        new SessionResult(
            title,
            Instant.now(),
            null,
            0,
            options,
            List.of(),
            List.of(),
            List.of(),
            null,
            List.of());
    return inTransaction(() -> insertSession(empty, "failed", reason));
  }

  /** All sessions, newest first. */
  public synchronized List<SessionSummary> list() throws StoreException {
    String sql =
        "SELECT s.id, s.title, s.created_at, s.status, s.duration_seconds, s.failure, m.path,"
            + " (SELECT COUNT(*) FROM analysis_window w WHERE w.session_id = s.id) AS windows"
            + " FROM session s LEFT JOIN media m ON m.session_id = s.id ORDER BY s.id DESC";
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      List<SessionSummary> sessions = new ArrayList<>();
      while (rows.next()) {
        sessions.add(
            new SessionSummary(
                rows.getLong("id"),
                rows.getString("title"),
                Instant.parse(rows.getString("created_at")),
                rows.getString("status"),
                rows.getDouble("duration_seconds"),
                rows.getInt("windows"),
                rows.getString("path"),
                rows.getString("failure")));
      }
      return sessions;
    } catch (SQLException e) {
      throw failure("list sessions", e);
    }
  }

  /** The whole stored session, or empty when there is no session with that id. */
  public synchronized Optional<StoredSession> load(long id) throws StoreException {
    try {
      SessionHeader header = readHeader(id);
      if (header == null) {
        return Optional.empty();
      }
      SessionResult result =
          new SessionResult(
              header.title,
              header.createdAt,
              readMedia(id),
              header.duration,
              header.options,
              readWindows(id),
              readTranscript(id),
              readModels(id),
              header.fusionMethod,
              header.warnings,
              readTracks(id),
              readExpertLoad(id));
      result =
          new SessionResult(
              result.title(),
              result.createdAt(),
              result.media(),
              result.durationSeconds(),
              result.options(),
              result.windows(),
              result.transcript(),
              result.models(),
              result.fusionMethod(),
              result.warnings(),
              result.faceTracks(),
              result.expertLoad(),
              readSpeakers(id),
              readTranscriptOrigin(id, result.transcript()));
      result = SpeakerReadingRepository.readInto(connection, id, result);
      return Optional.of(new StoredSession(id, result));
    } catch (SQLException e) {
      throw failure("read session " + id, e);
    }
  }

  /** The status and failure reason of a session, or empty when it does not exist. */
  public synchronized Optional<SessionSummary> summary(long id) throws StoreException {
    return list().stream().filter(s -> s.id() == id).findFirst();
  }

  /** Deletes a session and everything stored with it; false when there was none. */
  public synchronized boolean delete(long id) throws StoreException {
    return inTransaction(
        () -> {
          try (PreparedStatement statement =
              connection.prepareStatement("DELETE FROM session WHERE id = ?")) {
            statement.setLong(1, id);
            return statement.executeUpdate() > 0;
          }
        });
  }

  // ---- desktop additions: library rows, rename, tags, annotations, live sessions ----

  /** Every session as the desktop library shows it, newest first. */
  public synchronized List<LibraryEntry> libraryEntries() throws StoreException {
    List<SessionSummary> summaries = list();
    Map<Long, String[]> extra = new java.util.HashMap<>();
    Map<Long, java.util.Set<Modality>> modalities = new java.util.HashMap<>();
    Map<Long, List<String>> tags = new java.util.HashMap<>();
    try (PreparedStatement s =
            connection.prepareStatement("SELECT id, mode, source, recording FROM session");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        extra.put(
            rows.getLong(1),
            new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
      }
    } catch (SQLException e) {
      throw failure("list sessions", e);
    }
    try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT DISTINCT session_id, modality FROM modality_estimate WHERE present = 1");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        modalities
            .computeIfAbsent(rows.getLong(1), k -> java.util.EnumSet.noneOf(Modality.class))
            .add(Modality.valueOf(rows.getString(2).toUpperCase(java.util.Locale.ROOT)));
      }
    } catch (SQLException e) {
      throw failure("list sessions", e);
    }
    try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT session_id, tag FROM session_tag ORDER BY session_id, tag");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        tags.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getString(2));
      }
    } catch (SQLException e) {
      throw failure("list tags", e);
    }
    List<LibraryEntry> entries = new ArrayList<>();
    for (SessionSummary summary : summaries) {
      String[] x = extra.getOrDefault(summary.id(), new String[] {"customer-service", "file", "0"});
      entries.add(
          new LibraryEntry(
              summary,
              x[0],
              x[1],
              "1".equals(x[2]),
              modalities.getOrDefault(summary.id(), java.util.Set.of()),
              tags.getOrDefault(summary.id(), List.of())));
    }
    return entries;
  }

  /** Gives a session a new title; false when there is no such session. */
  public synchronized boolean rename(long id, String title) throws StoreException {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("a title cannot be empty");
    }
    return inTransaction(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement("UPDATE session SET title = ? WHERE id = ?")) {
            s.setString(1, title.strip());
            s.setLong(2, id);
            return s.executeUpdate() > 0;
          }
        });
  }

  /** Replaces a session's tags (blank tags are dropped, the rest stripped). */
  public synchronized void setTags(long id, java.util.Collection<String> newTags)
      throws StoreException {
    java.util.Set<String> clean = new java.util.TreeSet<>();
    for (String tag : newTags) {
      if (tag != null && !tag.isBlank()) {
        clean.add(tag.strip());
      }
    }
    inTransaction(
        () -> {
          try (PreparedStatement delete =
                  connection.prepareStatement("DELETE FROM session_tag WHERE session_id = ?");
              PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO session_tag (session_id, tag) VALUES (?, ?)")) {
            delete.setLong(1, id);
            delete.executeUpdate();
            for (String tag : clean) {
              insert.setLong(1, id);
              insert.setString(2, tag);
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  /** A session's tags, sorted. */
  public synchronized List<String> tags(long id) throws StoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT tag FROM session_tag WHERE session_id = ? ORDER BY tag")) {
      s.setLong(1, id);
      List<String> tags = new ArrayList<>();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          tags.add(rows.getString(1));
        }
      }
      return tags;
    } catch (SQLException e) {
      throw failure("read tags of session " + id, e);
    }
  }

  /**
   * Stores a label on a span of a session and returns it with its id.
   *
   * @throws IllegalArgumentException when the span is empty or the label or author is blank
   */
  public synchronized Annotation addAnnotation(
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
        inTransaction(
            () -> {
              try (PreparedStatement s =
                  connection.prepareStatement(
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
              try (PreparedStatement s = connection.prepareStatement("SELECT last_insert_rowid()");
                  ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
              }
            });
    return new Annotation(id, sessionId, start, end, label, author, now, note);
  }

  /** A session's annotations in time order. */
  public synchronized List<Annotation> annotations(long sessionId) throws StoreException {
    try (PreparedStatement s =
        connection.prepareStatement(
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
    } catch (SQLException e) {
      throw failure("read annotations of session " + sessionId, e);
    }
  }

  /** Deletes one annotation; false when there was none. */
  public synchronized boolean deleteAnnotation(long annotationId) throws StoreException {
    return inTransaction(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement("DELETE FROM annotation WHERE id = ?")) {
            s.setLong(1, annotationId);
            return s.executeUpdate() > 0;
          }
        });
  }

  /**
   * Starts a live session: stored at once (source "live", marked as recording) so that its windows
   * can be appended as they are analysed and survive a crash.
   */
  public synchronized long beginLive(String title, AnalysisOptions options, MediaSummary media)
      throws StoreException {
    SessionResult header =
        new SessionResult(
            title,
            Instant.now(),
            media,
            0,
            options,
            List.of(),
            List.of(),
            List.of(),
            null,
            List.of());
    return inTransaction(
        () -> {
          long id = insertSession(header, "done", null);
          try (PreparedStatement s =
              connection.prepareStatement(
                  "UPDATE session SET source = 'live', recording = 1 WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          insertMedia(id, media);
          return id;
        });
  }

  /**
   * Appends analysed windows to a live session and moves its duration to {@code durationSeconds},
   * in one transaction.
   */
  public synchronized void appendWindows(
      long id, List<AffectWindow> windows, double durationSeconds, String fusionMethod)
      throws StoreException {
    inTransaction(
        () -> {
          insertWindows(id, windows);
          updateDuration(id, durationSeconds, fusionMethod);
          return null;
        });
  }

  /**
   * Marks a live session whose recording never finished (its process died, or its analysis stopped)
   * as failed with {@code failure}, keeping the windows stored so far; false when the session is
   * not (or no longer) recording.
   */
  public synchronized boolean markRecordingInterrupted(long id, String failure)
      throws StoreException {
    return inTransaction(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement(
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
  public synchronized void finishLive(
      long id,
      double durationSeconds,
      List<ModelUse> models,
      String fusionMethod,
      ExpertTelemetry expertLoad)
      throws StoreException {
    inTransaction(
        () -> {
          updateDuration(id, durationSeconds, fusionMethod);
          try (PreparedStatement s =
              connection.prepareStatement("UPDATE session SET recording = 0 WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          try (PreparedStatement s =
              connection.prepareStatement("DELETE FROM model_use WHERE session_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          insertModels(id, models);
          insertExpertLoad(id, expertLoad);
          return null;
        });
  }

  private void updateDuration(long id, double durationSeconds, String fusionMethod)
      throws SQLException {
    try (PreparedStatement s =
            connection.prepareStatement(
                "UPDATE session SET duration_seconds = ?,"
                    + " fusion_method = COALESCE(?, fusion_method) WHERE id = ?");
        PreparedStatement m =
            connection.prepareStatement(
                "UPDATE media SET duration_seconds = ? WHERE session_id = ?")) {
      s.setDouble(1, durationSeconds);
      s.setString(2, fusionMethod);
      s.setLong(3, id);
      s.executeUpdate();
      m.setDouble(1, durationSeconds);
      m.setLong(2, id);
      m.executeUpdate();
    }
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(SqlWork<T> work) throws StoreException {
    try {
      connection.setAutoCommit(false);
      T value = work.run();
      connection.commit();
      return value;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw failure("write", e);
    } finally {
      restoreAutoCommit();
    }
  }

  private void restoreAutoCommit() throws StoreException {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw failure("end the transaction", e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException(
        databaseFile + ": cannot " + what + " (" + firstLine(e.getMessage()) + ")", e);
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private long insertSession(SessionResult r, String status, String failure) throws SQLException {
    String sql =
        "INSERT INTO session (title, created_at, status, failure, duration_seconds, analysis_fps,"
            + " window_seconds, hop_seconds, fusion_method, warnings)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, r.title());
      s.setString(2, r.createdAt().toString());
      s.setString(3, status);
      s.setString(4, failure);
      s.setDouble(5, r.durationSeconds());
      s.setDouble(6, r.options().analysisFps());
      s.setDouble(7, r.options().windowSeconds());
      s.setDouble(8, r.options().hopSeconds());
      s.setString(9, r.fusionMethod());
      s.setString(10, String.join("\n", r.warnings()));
      s.executeUpdate();
    }
    try (PreparedStatement s = connection.prepareStatement("SELECT last_insert_rowid()");
        ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void insertMedia(long id, MediaSummary m) throws SQLException {
    if (m == null) {
      return;
    }
    String sql =
        "INSERT INTO media (session_id, path, format, duration_seconds, video_codec, width,"
            + " height, frame_rate, audio_codec, sample_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setLong(1, id);
      s.setString(2, m.path());
      s.setString(3, m.format());
      s.setDouble(4, m.durationSeconds());
      s.setString(5, m.videoCodec());
      s.setInt(6, m.width());
      s.setInt(7, m.height());
      s.setDouble(8, m.frameRate());
      s.setString(9, m.audioCodec());
      s.setInt(10, m.sampleRate());
      s.executeUpdate();
    }
  }

  private void insertWindows(long id, List<AffectWindow> windows) throws SQLException {
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

  private static final String INSERT_ESTIMATE =
      "INSERT INTO modality_estimate (session_id, window_idx, modality, present, "
          + PROBABILITY_COLUMNS
          + ", valence, arousal, confidence, absence, absence_detail)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_FUSED =
      "INSERT INTO fused_estimate (session_id, window_idx, method, "
          + PROBABILITY_COLUMNS
          + ", valence, arousal, confidence, weight_face, weight_voice, weight_text)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_EXPERT =
      "INSERT INTO fused_expert (session_id, window_idx, rank, expert, weight)"
          + " VALUES (?, ?, ?, ?, ?)";

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
   * Stores a person's correction of utterance {@code index} of session {@code id} in one
   * transaction: its new text and reading (the original text kept beside it) and, for the windows
   * given, their new text readings and fused readings. Nothing else changes.
   *
   * @throws StoreException when the session or utterance does not exist or the store fails
   */
  public synchronized void correctUtterance(
      long id, int index, Utterance corrected, List<AffectWindow> changedWindows)
      throws StoreException {
    correctUtterance(id, index, corrected, changedWindows, List.of());
  }

  /**
   * Stores a correction as {@link #correctUtterance(long, int, Utterance, List)} does, and in the
   * same transaction the speaker's per-speaker readings that it changed.
   */
  public synchronized void correctUtterance(
      long id,
      int index,
      Utterance corrected,
      List<AffectWindow> changedWindows,
      List<SpeakerReading> changedReadings)
      throws StoreException {
    String set =
        String.join(
            ", ",
            java.util.Arrays.stream(
                    ("present, "
                            + PROBABILITY_COLUMNS
                            + ", valence, arousal, confidence, absence, absence_detail")
                        .split(", "))
                .map(column -> column + " = ?")
                .toList());
    inTransaction(
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "UPDATE transcript_segment SET text = ?, original_text = ?, "
                      + set
                      + " WHERE session_id = ? AND idx = ?")) {
            s.setString(
                1, cipher.seal(corrected.text(), FieldCipher.Address.utterance("text", id, index)));
            s.setString(
                2,
                cipher.seal(
                    corrected.originalText(),
                    FieldCipher.Address.utterance("original_text", id, index)));
            bindEstimate(s, 3, corrected.affect());
            s.setLong(16, id);
            s.setInt(17, index);
            if (s.executeUpdate() != 1) {
              throw new SQLException("session " + id + " has no utterance " + index);
            }
          }
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
          SpeakerReadingRepository.replace(connection, id, changedReadings);
          return null;
        });
  }

  /** Binds present, 7 probabilities, valence, arousal, confidence, absence, absence detail. */
  private static void bindEstimate(PreparedStatement s, int first, AffectEstimate e)
      throws SQLException {
    s.setInt(first, e.isPresent() ? 1 : 0);
    bindProbabilities(s, first + 1, e.emotions());
    bindNumber(s, first + 8, e.valence());
    bindNumber(s, first + 9, e.arousal());
    s.setDouble(first + 10, e.confidence());
    s.setString(first + 11, e.isPresent() ? null : e.absence().name());
    s.setString(first + 12, e.absenceDetail());
  }

  private static void bindProbabilities(PreparedStatement s, int first, EmotionDistribution d)
      throws SQLException {
    for (Emotion e : Emotion.values()) {
      if (d == null) {
        s.setNull(first + e.ordinal(), Types.REAL);
      } else {
        s.setDouble(first + e.ordinal(), d.get(e));
      }
    }
  }

  private static void bindNumber(PreparedStatement s, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      s.setNull(index, Types.REAL);
    } else {
      s.setDouble(index, value);
    }
  }

  private void insertTranscript(long id, List<Utterance> transcript) throws SQLException {
    String sql =
        "INSERT INTO transcript_segment (session_id, idx, start_seconds, end_seconds, text,"
            + " present, "
            + PROBABILITY_COLUMNS
            + ", valence, arousal, confidence, absence, absence_detail,"
            + " source, speaker_id, asr_confidence, original_text)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    String wordSql =
        "INSERT INTO transcript_word (session_id, segment_idx, idx, text, start_seconds,"
            + " end_seconds, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = connection.prepareStatement(sql);
        PreparedStatement w = connection.prepareStatement(wordSql)) {
      int index = 0;
      for (Utterance u : transcript) {
        s.setLong(1, id);
        s.setInt(2, index);
        s.setDouble(3, u.startSeconds());
        s.setDouble(4, u.endSeconds());
        s.setString(5, cipher.seal(u.text(), FieldCipher.Address.utterance("text", id, index)));
        bindEstimate(s, 6, u.affect());
        s.setString(19, u.source().id());
        s.setString(20, u.speaker());
        bindNumber(s, 21, u.confidence());
        s.setString(
            22,
            cipher.seal(
                u.originalText(), FieldCipher.Address.utterance("original_text", id, index)));
        s.addBatch();
        int wordIndex = 0;
        for (RecognizedWord word : u.words()) {
          w.setLong(1, id);
          w.setInt(2, index);
          w.setInt(3, wordIndex);
          w.setString(4, cipher.seal(word.text(), FieldCipher.Address.word(id, index, wordIndex)));
          wordIndex++;
          w.setDouble(5, word.startSeconds());
          w.setDouble(6, word.endSeconds());
          w.setDouble(7, word.confidence());
          w.addBatch();
        }
        index++;
      }
      s.executeBatch();
      w.executeBatch();
    }
  }

  private void insertTranscriptOrigin(long id, TranscriptOrigin origin) throws SQLException {
    if (origin == null) {
      return;
    }
    try (PreparedStatement s =
        connection.prepareStatement(
            "UPDATE session SET transcript_source = ?, asr_model = ?, asr_model_version = ?,"
                + " asr_language = ? WHERE id = ?")) {
      s.setString(1, origin.source().id());
      s.setString(2, origin.model());
      s.setString(3, origin.version());
      s.setString(4, origin.language());
      s.setLong(5, id);
      s.executeUpdate();
    }
  }

  private void insertSpeakers(long id, List<Speaker> speakers) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO speaker (session_id, id, role, channel, face_track)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (Speaker speaker : speakers) {
        s.setLong(1, id);
        s.setString(2, speaker.id());
        s.setString(3, speaker.role().id());
        s.setObject(4, speaker.channel());
        s.setObject(5, speaker.faceTrack());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private List<Speaker> readSpeakers(long id) throws SQLException {
    List<Speaker> speakers = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT id, role, channel, face_track FROM speaker WHERE session_id = ? ORDER BY id")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          speakers.add(
              new Speaker(
                  rows.getString("id"),
                  SpeakerRole.of(rows.getString("role")),
                  (Integer) rows.getObject("channel"),
                  (Integer) rows.getObject("face_track")));
        }
      }
    }
    return speakers;
  }

  /** Sessions stored before Sentio recorded the source had their transcript from a file. */
  private TranscriptOrigin readTranscriptOrigin(long id, List<Utterance> transcript)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT transcript_source, asr_model, asr_model_version, asr_language FROM session"
                + " WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        String source = rows.next() ? rows.getString("transcript_source") : null;
        if (source == null) {
          return transcript.isEmpty() ? null : TranscriptOrigin.FILE;
        }
        return new TranscriptOrigin(
            TranscriptSource.of(source),
            rows.getString("asr_model"),
            rows.getString("asr_model_version"),
            rows.getString("asr_language"));
      }
    }
  }

  private Map<Integer, List<RecognizedWord>> readWords(long id) throws SQLException {
    Map<Integer, List<RecognizedWord>> words = new HashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT segment_idx, idx, text, start_seconds, end_seconds, confidence"
                + " FROM transcript_word"
                + " WHERE session_id = ? ORDER BY segment_idx, idx")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          int segment = rows.getInt("segment_idx");
          words
              .computeIfAbsent(segment, k -> new ArrayList<>())
              .add(
                  new RecognizedWord(
                      cipher.open(
                          rows.getString("text"),
                          FieldCipher.Address.word(id, segment, rows.getInt("idx"))),
                      rows.getDouble("start_seconds"),
                      rows.getDouble("end_seconds"),
                      rows.getDouble("confidence")));
        }
      }
    }
    return words;
  }

  private void insertModels(long id, List<ModelUse> models) throws SQLException {
    String sql =
        "INSERT INTO model_use (session_id, name, version, sha256, execution_provider, runtime)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (ModelUse m : models) {
        s.setLong(1, id);
        s.setString(2, m.name());
        s.setString(3, m.version());
        s.setString(4, m.sha256());
        s.setString(5, m.executionProvider());
        s.setString(6, m.runtime());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private record SessionHeader(
      String title,
      Instant createdAt,
      double duration,
      AnalysisOptions options,
      String fusionMethod,
      List<String> warnings) {}

  private SessionHeader readHeader(long id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT title, created_at, duration_seconds, analysis_fps, window_seconds,"
                + " hop_seconds, fusion_method, warnings FROM session WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        String warnings = rows.getString("warnings");
        return new SessionHeader(
            rows.getString("title"),
            Instant.parse(rows.getString("created_at")),
            rows.getDouble("duration_seconds"),
            new AnalysisOptions(
                rows.getDouble("analysis_fps"),
                rows.getDouble("window_seconds"),
                rows.getDouble("hop_seconds")),
            rows.getString("fusion_method"),
            warnings.isEmpty() ? List.of() : List.of(warnings.split("\n")));
      }
    }
  }

  private MediaSummary readMedia(long id) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT * FROM media WHERE session_id = ?")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        return new MediaSummary(
            rows.getString("path"),
            rows.getString("format"),
            rows.getDouble("duration_seconds"),
            rows.getString("video_codec"),
            rows.getInt("width"),
            rows.getInt("height"),
            rows.getDouble("frame_rate"),
            rows.getString("audio_codec"),
            rows.getInt("sample_rate"));
      }
    }
  }

  private List<AffectWindow> readWindows(long id) throws SQLException {
    Map<Integer, Map<Modality, AffectEstimate>> estimates = new java.util.HashMap<>();
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
    Map<Integer, List<ExpertChoice>> experts = new java.util.HashMap<>();
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

  private List<Utterance> readTranscript(long id) throws SQLException {
    Map<Integer, List<RecognizedWord>> words = readWords(id);
    List<Utterance> transcript = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT * FROM transcript_segment WHERE session_id = ? ORDER BY idx")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          int index = rows.getInt("idx");
          transcript.add(
              new Utterance(
                  rows.getDouble("start_seconds"),
                  rows.getDouble("end_seconds"),
                  cipher.open(
                      rows.getString("text"), FieldCipher.Address.utterance("text", id, index)),
                  readEstimate(Modality.TEXT, rows),
                  rows.getString("speaker_id"),
                  TranscriptSource.of(rows.getString("source")),
                  readNumber(rows, "asr_confidence"),
                  words.getOrDefault(rows.getInt("idx"), List.of()),
                  cipher.open(
                      rows.getString("original_text"),
                      FieldCipher.Address.utterance("original_text", id, index))));
        }
      }
    }
    return transcript;
  }

  private void insertTracks(long id, List<TrackReading> tracks) throws SQLException {
    String sql =
        "INSERT INTO face_track_estimate (session_id, window_idx, track_id, "
            + PROBABILITY_COLUMNS
            + ", valence, arousal, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (TrackReading t : tracks) {
        s.setLong(1, id);
        s.setInt(2, t.windowIndex());
        s.setInt(3, t.trackId());
        bindProbabilities(s, 4, t.estimate().emotions());
        s.setDouble(11, t.estimate().valence());
        s.setDouble(12, t.estimate().arousal());
        s.setDouble(13, t.estimate().confidence());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private List<TrackReading> readTracks(long id) throws SQLException {
    List<TrackReading> tracks = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT * FROM face_track_estimate WHERE session_id = ? ORDER BY window_idx, track_id")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          tracks.add(
              new TrackReading(
                  rows.getInt("track_id"),
                  rows.getInt("window_idx"),
                  AffectEstimate.present(
                      Modality.FACE,
                      readProbabilities(rows),
                      rows.getDouble("valence"),
                      rows.getDouble("arousal"),
                      rows.getDouble("confidence"))));
        }
      }
    }
    return tracks;
  }

  private List<ModelUse> readModels(long id) throws SQLException {
    List<ModelUse> models = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT name, version, sha256, execution_provider, runtime FROM model_use"
                + " WHERE session_id = ? ORDER BY name")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          models.add(
              new ModelUse(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5)));
        }
      }
    }
    return models;
  }

  private void insertExpertLoad(long id, ExpertTelemetry load) throws SQLException {
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

  private ExpertTelemetry readExpertLoad(long id) throws SQLException {
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

  private static AffectEstimate readEstimate(Modality modality, ResultSet rows)
      throws SQLException {
    if (rows.getInt("present") == 0) {
      return AffectEstimate.absent(
          modality,
          AbsenceReason.valueOf(rows.getString("absence")),
          rows.getString("absence_detail"));
    }
    return AffectEstimate.present(
        modality,
        readProbabilities(rows),
        readNumber(rows, "valence"),
        readNumber(rows, "arousal"),
        rows.getDouble("confidence"));
  }

  private static EmotionDistribution readProbabilities(ResultSet rows) throws SQLException {
    double[] p = new double[Emotion.COUNT];
    for (Emotion e : Emotion.values()) {
      p[e.ordinal()] = rows.getDouble("p_" + e.label());
      if (rows.wasNull()) {
        return null;
      }
    }
    return EmotionDistribution.of(p);
  }

  private static double readNumber(ResultSet rows, String column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? Double.NaN : value;
  }
}
