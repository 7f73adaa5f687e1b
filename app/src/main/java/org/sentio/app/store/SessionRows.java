package org.sentio.app.store;

import static org.sentio.app.store.AffectColumns.bindProbabilities;
import static org.sentio.app.store.AffectColumns.readProbabilities;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TrackReading;

/**
 * The session row and the small parts stored beside it (tables {@code session}, {@code media},
 * {@code model_use}, {@code face_track_estimate} and {@code speaker}). Part of the session
 * aggregate; its callers run it inside their transaction on the store's one connection.
 */
final class SessionRows {
  private final Connection connection;

  SessionRows(Connection connection) {
    this.connection = connection;
  }

  record SessionHeader(
      String title,
      Instant createdAt,
      double duration,
      AnalysisOptions options,
      String fusionMethod,
      List<String> warnings) {}

  long insertSession(SessionResult r, String status, String failure) throws SQLException {
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

  SessionHeader readHeader(long id) throws SQLException {
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

  void updateDuration(long id, double durationSeconds, String fusionMethod) throws SQLException {
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

  void insertMedia(long id, MediaSummary m) throws SQLException {
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

  MediaSummary readMedia(long id) throws SQLException {
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

  void insertModels(long id, List<ModelUse> models) throws SQLException {
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

  List<ModelUse> readModels(long id) throws SQLException {
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

  void insertTracks(long id, List<TrackReading> tracks) throws SQLException {
    String sql =
        "INSERT INTO face_track_estimate (session_id, window_idx, track_id, "
            + AffectColumns.PROBABILITIES
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

  List<TrackReading> readTracks(long id) throws SQLException {
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

  void insertSpeakers(long id, List<Speaker> speakers) throws SQLException {
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

  List<Speaker> readSpeakers(long id) throws SQLException {
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
}
