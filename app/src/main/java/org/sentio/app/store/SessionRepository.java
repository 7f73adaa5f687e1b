package org.sentio.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.Utterance;

/**
 * The sessions of a store, whole: the session row with its media, windows, transcript, speakers,
 * face tracks, models and expert telemetry, saved and deleted as one. Every save is one
 * transaction, so a failure leaves no half-written session. Live recordings are written by {@link
 * LiveSessionRepository}; both share the store's one connection ({@link StoreDatabase}).
 */
public final class SessionRepository {
  private final StoreDatabase db;
  private final SessionRows sessionRows;
  private final WindowRows windowRows;
  private final TranscriptRows transcriptRows;
  private final ExpertLoadRows expertLoadRows;

  SessionRepository(StoreDatabase db) {
    this.db = db;
    this.sessionRows = new SessionRows(db.connection());
    this.windowRows = new WindowRows(db.connection());
    this.transcriptRows = new TranscriptRows(db.connection(), db.cipher());
    this.expertLoadRows = new ExpertLoadRows(db.connection());
  }

  /** Saves a finished analysis in one transaction and returns its id. */
  public long save(SessionResult result) throws StoreException {
    return db.write(
        () -> {
          long id = sessionRows.insertSession(result, "done", null);
          sessionRows.insertMedia(id, result.media());
          windowRows.insertWindows(id, result.windows());
          WindowEmbeddingRepository.insert(db.connection(), db.cipher(), id, result.windows());
          transcriptRows.insertTranscript(id, result.transcript());
          transcriptRows.insertTranscriptOrigin(id, result.transcriptOrigin());
          sessionRows.insertSpeakers(id, result.speakers());
          SpeakerReadingRepository.insert(db.connection(), id, result);
          sessionRows.insertModels(id, result.models());
          sessionRows.insertTracks(id, result.faceTracks());
          expertLoadRows.insert(id, result.expertLoad());
          return id;
        });
  }

  /** Records an analysis that failed, with the reason, and returns its id. */
  public long saveFailed(String title, AnalysisOptions options, String reason)
      throws StoreException {
    SessionResult empty = SessionResult.builder(title, Instant.now(), options).build();
    return db.write(() -> sessionRows.insertSession(empty, "failed", reason));
  }

  /** All sessions, newest first. */
  public List<SessionSummary> list() throws StoreException {
    String sql =
        "SELECT s.id, s.title, s.created_at, s.status, s.duration_seconds, s.failure, m.path,"
            + " (SELECT COUNT(*) FROM analysis_window w WHERE w.session_id = s.id) AS windows"
            + " FROM session s LEFT JOIN media m ON m.session_id = s.id ORDER BY s.id DESC";
    return db.read(
        "list sessions",
        () -> {
          try (PreparedStatement statement = db.connection().prepareStatement(sql);
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
          }
        });
  }

  /** The whole stored session, or empty when there is no session with that id. */
  public Optional<StoredSession> load(long id) throws StoreException {
    return db.read(
        "read session " + id,
        () -> {
          SessionRows.SessionHeader header = sessionRows.readHeader(id);
          if (header == null) {
            return Optional.empty();
          }
          List<Utterance> transcript = transcriptRows.readTranscript(id);
          SessionResult result =
              SessionResult.builder(header.title(), header.createdAt(), header.options())
                  .media(sessionRows.readMedia(id))
                  .durationSeconds(header.duration())
                  .windows(windowRows.readWindows(id))
                  .transcript(transcript)
                  .models(sessionRows.readModels(id))
                  .fusionMethod(header.fusionMethod())
                  .warnings(header.warnings())
                  .faceTracks(sessionRows.readTracks(id))
                  .expertLoad(expertLoadRows.read(id))
                  .speakers(sessionRows.readSpeakers(id))
                  .transcriptOrigin(transcriptRows.readTranscriptOrigin(id, transcript))
                  .build();
          result = SpeakerReadingRepository.readInto(db.connection(), id, result);
          return Optional.of(new StoredSession(id, result));
        });
  }

  /** The status and failure reason of a session, or empty when it does not exist. */
  public Optional<SessionSummary> summary(long id) throws StoreException {
    return list().stream().filter(s -> s.id() == id).findFirst();
  }

  /** Deletes a session and everything stored with it; false when there was none. */
  public boolean delete(long id) throws StoreException {
    return db.write(
        () -> {
          try (PreparedStatement statement =
              db.connection().prepareStatement("DELETE FROM session WHERE id = ?")) {
            statement.setLong(1, id);
            return statement.executeUpdate() > 0;
          }
        });
  }

  /** Every session as the desktop library shows it, newest first. */
  public List<LibraryEntry> libraryEntries() throws StoreException {
    List<SessionSummary> summaries = list();
    Map<Long, String[]> extra =
        db.read(
            "list sessions",
            () -> {
              Map<Long, String[]> byId = new HashMap<>();
              try (PreparedStatement s =
                      db.connection()
                          .prepareStatement("SELECT id, mode, source, recording FROM session");
                  ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                  byId.put(
                      rows.getLong(1),
                      new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
                }
              }
              return byId;
            });
    Map<Long, Set<Modality>> modalities =
        db.read(
            "list sessions",
            () -> {
              Map<Long, Set<Modality>> byId = new HashMap<>();
              try (PreparedStatement s =
                      db.connection()
                          .prepareStatement(
                              "SELECT DISTINCT session_id, modality FROM modality_estimate"
                                  + " WHERE present = 1");
                  ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                  byId.computeIfAbsent(rows.getLong(1), k -> EnumSet.noneOf(Modality.class))
                      .add(Modality.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)));
                }
              }
              return byId;
            });
    Map<Long, List<String>> tags =
        db.read(
            "list tags",
            () -> {
              Map<Long, List<String>> byId = new HashMap<>();
              try (PreparedStatement s =
                      db.connection()
                          .prepareStatement(
                              "SELECT session_id, tag FROM session_tag ORDER BY session_id, tag");
                  ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                  byId.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>())
                      .add(rows.getString(2));
                }
              }
              return byId;
            });
    List<LibraryEntry> entries = new ArrayList<>();
    for (SessionSummary summary : summaries) {
      String[] x = extra.getOrDefault(summary.id(), new String[] {"customer-service", "file", "0"});
      entries.add(
          new LibraryEntry(
              summary,
              x[0],
              x[1],
              "1".equals(x[2]),
              modalities.getOrDefault(summary.id(), Set.of()),
              tags.getOrDefault(summary.id(), List.of())));
    }
    return entries;
  }

  /** Gives a session a new title; false when there is no such session. */
  public boolean rename(long id, String title) throws StoreException {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("a title cannot be empty");
    }
    return db.write(
        () -> {
          try (PreparedStatement s =
              db.connection().prepareStatement("UPDATE session SET title = ? WHERE id = ?")) {
            s.setString(1, title.strip());
            s.setLong(2, id);
            return s.executeUpdate() > 0;
          }
        });
  }

  /**
   * Stores a person's correction of utterance {@code index} of session {@code id} in one
   * transaction: its new text and reading (the original text kept beside it) and, for the windows
   * given, their new text readings and fused readings. Nothing else changes.
   *
   * @throws StoreException when the session or utterance does not exist or the store fails
   */
  public void correctUtterance(
      long id, int index, Utterance corrected, List<AffectWindow> changedWindows)
      throws StoreException {
    correctUtterance(id, index, corrected, changedWindows, List.of());
  }

  /**
   * Stores a correction as {@link #correctUtterance(long, int, Utterance, List)} does, and in the
   * same transaction the speaker's per-speaker readings that it changed.
   */
  public void correctUtterance(
      long id,
      int index,
      Utterance corrected,
      List<AffectWindow> changedWindows,
      List<SpeakerReading> changedReadings)
      throws StoreException {
    db.write(
        () -> {
          transcriptRows.correctUtterance(id, index, corrected);
          windowRows.replaceTextReadings(id, changedWindows);
          WindowEmbeddingRepository.replaceText(db.connection(), db.cipher(), id, changedWindows);
          SpeakerReadingRepository.replace(db.connection(), id, changedReadings);
          return null;
        });
  }
}
