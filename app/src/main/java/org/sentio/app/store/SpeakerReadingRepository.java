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
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;

/**
 * The per-speaker part of a stored session (table {@code speaker_estimate} and the speakers' face
 * notes, migration V10; table {@code speaker_face_estimate}, V17): each speaker's voice, text,
 * linked face and fused reading per window. The session store calls it inside its own transaction,
 * on its own connection, when it saves and loads.
 */
final class SpeakerReadingRepository {
  private static final String INSERT =
      "INSERT INTO speaker_estimate (session_id, window_idx, speaker_id, kind, present, "
          + AffectColumns.PROBABILITIES
          + ", valence, arousal, confidence, absence, absence_detail, method, weight_voice,"
          + " weight_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_FACE =
      "INSERT INTO speaker_face_estimate (session_id, window_idx, speaker_id, present, "
          + AffectColumns.PROBABILITIES
          + ", valence, arousal, confidence, absence, absence_detail, weight_face)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private SpeakerReadingRepository() {}

  /** Saves the speakers' face notes and readings of session {@code id} (speakers saved first). */
  static void insert(Connection connection, long id, SessionResult result) throws SQLException {
    try (PreparedStatement note =
        connection.prepareStatement(
            "UPDATE speaker SET face_track_note = ? WHERE session_id = ? AND id = ?")) {
      for (Speaker speaker : result.speakers()) {
        note.setString(1, speaker.faceTrackNote());
        note.setLong(2, id);
        note.setString(3, speaker.id());
        note.addBatch();
      }
      note.executeBatch();
    }
    try (PreparedStatement s = connection.prepareStatement(INSERT);
        PreparedStatement face = connection.prepareStatement(INSERT_FACE)) {
      for (SpeakerReading r : result.speakerReadings()) {
        addEstimate(s, id, r, "voice", r.voice());
        addEstimate(s, id, r, "text", r.text());
        addFused(s, id, r);
        addFace(face, id, r);
      }
      s.executeBatch();
      face.executeBatch();
    }
  }

  /** Replaces the stored readings of session {@code id} with {@code readings} (speaker, window). */
  static void replace(Connection connection, long id, List<SpeakerReading> readings)
      throws SQLException {
    try (PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM speaker_estimate WHERE session_id = ? AND window_idx = ?"
                    + " AND speaker_id = ?");
        PreparedStatement deleteFace =
            connection.prepareStatement(
                "DELETE FROM speaker_face_estimate WHERE session_id = ? AND window_idx = ?"
                    + " AND speaker_id = ?");
        PreparedStatement s = connection.prepareStatement(INSERT);
        PreparedStatement face = connection.prepareStatement(INSERT_FACE)) {
      for (SpeakerReading r : readings) {
        for (PreparedStatement d : List.of(delete, deleteFace)) {
          d.setLong(1, id);
          d.setInt(2, r.windowIndex());
          d.setString(3, r.speaker());
          d.executeUpdate();
        }
        addEstimate(s, id, r, "voice", r.voice());
        addEstimate(s, id, r, "text", r.text());
        addFused(s, id, r);
        addFace(face, id, r);
      }
      s.executeBatch();
      face.executeBatch();
    }
  }

  /** {@code result} (read by the session store) with its speakers' face notes and readings. */
  static SessionResult readInto(Connection connection, long id, SessionResult result)
      throws SQLException {
    if (result.speakers().isEmpty()) {
      return result;
    }
    Map<String, String> notes = new HashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT id, face_track_note FROM speaker WHERE session_id = ?")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          notes.put(rows.getString("id"), rows.getString("face_track_note"));
        }
      }
    }
    List<Speaker> speakers = new ArrayList<>();
    for (Speaker sp : result.speakers()) {
      speakers.add(
          new Speaker(sp.id(), sp.role(), sp.channel(), sp.faceTrack(), notes.get(sp.id())));
    }
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < speakers.size(); i++) {
      order.put(speakers.get(i).id(), i);
    }
    Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT * FROM speaker_estimate WHERE session_id = ? ORDER BY window_idx")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          String key = rows.getInt("window_idx") + "\u0000" + rows.getString("speaker_id");
          Map<String, Object> parts = byKey.computeIfAbsent(key, k -> new HashMap<>());
          String kind = rows.getString("kind");
          parts.put(
              kind,
              switch (kind) {
                case "voice" -> readEstimate(Modality.VOICE, rows);
                case "text" -> readEstimate(Modality.TEXT, rows);
                default -> readFused(rows);
              });
        }
      }
    }
    try (PreparedStatement s =
        connection.prepareStatement("SELECT * FROM speaker_face_estimate WHERE session_id = ?")) {
      s.setLong(1, id);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          String key = rows.getInt("window_idx") + "\u0000" + rows.getString("speaker_id");
          Map<String, Object> parts = byKey.computeIfAbsent(key, k -> new HashMap<>());
          parts.put("face", readEstimate(Modality.FACE, rows));
          parts.put("faceWeight", rows.getDouble("weight_face"));
        }
      }
    }
    List<SpeakerReading> readings = new ArrayList<>();
    byKey.forEach(
        (key, parts) -> {
          int cut = key.indexOf('\u0000');
          String speaker = key.substring(cut + 1);
          int window = Integer.parseInt(key.substring(0, cut));
          AffectEstimate voice = (AffectEstimate) parts.get("voice");
          AffectEstimate text = (AffectEstimate) parts.get("text");
          FusedEstimate fused = (FusedEstimate) parts.get("fused");
          // sessions stored before V17 have no face row: their fusion had no face
          readings.add(
              parts.containsKey("face")
                  ? new SpeakerReading(
                      speaker,
                      window,
                      voice,
                      text,
                      withFaceWeight(fused, (Double) parts.get("faceWeight")),
                      (AffectEstimate) parts.get("face"))
                  : new SpeakerReading(speaker, window, voice, text, fused));
        });
    readings.sort(
        java.util.Comparator.comparingInt(SpeakerReading::windowIndex)
            .thenComparing(r -> order.getOrDefault(r.speaker(), Integer.MAX_VALUE)));
    return result.withSpeakers(speakers).withSpeakerReadings(readings);
  }

  private static void addEstimate(
      PreparedStatement s, long id, SpeakerReading r, String kind, AffectEstimate e)
      throws SQLException {
    key(s, id, r, kind);
    bindEstimate(s, 5, e);
    s.setNull(18, Types.VARCHAR);
    s.setNull(19, Types.REAL);
    s.setNull(20, Types.REAL);
    s.addBatch();
  }

  private static void addFused(PreparedStatement s, long id, SpeakerReading r) throws SQLException {
    FusedEstimate f = r.fused();
    key(s, id, r, "fused");
    s.setInt(5, f.confidence() > 0 ? 1 : 0);
    bindProbabilities(s, 6, f.emotions());
    bindNumber(s, 13, f.valence());
    bindNumber(s, 14, f.arousal());
    s.setDouble(15, f.confidence());
    s.setNull(16, Types.VARCHAR);
    s.setNull(17, Types.VARCHAR);
    s.setString(18, f.method());
    s.setDouble(19, f.modalityWeights().getOrDefault(Modality.VOICE, 0.0));
    s.setDouble(20, f.modalityWeights().getOrDefault(Modality.TEXT, 0.0));
    s.addBatch();
  }

  private static void addFace(PreparedStatement s, long id, SpeakerReading r) throws SQLException {
    AffectEstimate e = r.face();
    s.setLong(1, id);
    s.setInt(2, r.windowIndex());
    s.setString(3, r.speaker());
    bindEstimate(s, 4, e);
    s.setDouble(17, r.fused().modalityWeights().getOrDefault(Modality.FACE, 0.0));
    s.addBatch();
  }

  /** {@code fused} with the face's weight, kept beside the face reading (V17). */
  private static FusedEstimate withFaceWeight(FusedEstimate fused, double faceWeight) {
    if (!(faceWeight > 0)) {
      return fused;
    }
    Map<Modality, Double> weights = new EnumMap<>(Modality.class);
    weights.putAll(fused.modalityWeights());
    weights.put(Modality.FACE, faceWeight);
    return new FusedEstimate(
        fused.emotions(),
        fused.valence(),
        fused.arousal(),
        fused.confidence(),
        weights,
        fused.experts(),
        fused.method());
  }

  private static void key(PreparedStatement s, long id, SpeakerReading r, String kind)
      throws SQLException {
    s.setLong(1, id);
    s.setInt(2, r.windowIndex());
    s.setString(3, r.speaker());
    s.setString(4, kind);
  }

  private static FusedEstimate readFused(ResultSet rows) throws SQLException {
    Map<Modality, Double> weights = new EnumMap<>(Modality.class);
    double voice = rows.getDouble("weight_voice");
    double text = rows.getDouble("weight_text");
    if (voice > 0) {
      weights.put(Modality.VOICE, voice);
    }
    if (text > 0) {
      weights.put(Modality.TEXT, text);
    }
    return new FusedEstimate(
        readProbabilities(rows),
        readNumber(rows, "valence"),
        readNumber(rows, "arousal"),
        rows.getDouble("confidence"),
        weights,
        List.of(),
        rows.getString("method"));
  }
}
