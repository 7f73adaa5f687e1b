package org.sentio.app.store;

import static org.sentio.app.store.AffectColumns.bindEstimate;
import static org.sentio.app.store.AffectColumns.bindNumber;
import static org.sentio.app.store.AffectColumns.readEstimate;
import static org.sentio.app.store.AffectColumns.readNumber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/**
 * The transcript of a stored session (tables {@code transcript_segment} and {@code
 * transcript_word}, and where it came from in the session row), its texts sealed by the store's
 * {@link FieldCipher}. Part of the session aggregate; its callers run it inside their transaction
 * on the store's one connection.
 */
final class TranscriptRows {
  private static final String SET_ESTIMATE =
      String.join(
          ", ", Arrays.stream(AffectColumns.ESTIMATE.split(", ")).map(c -> c + " = ?").toList());

  private final Connection connection;
  private final FieldCipher cipher;

  TranscriptRows(Connection connection, FieldCipher cipher) {
    this.connection = connection;
    this.cipher = cipher;
  }

  void insertTranscript(long id, List<Utterance> transcript) throws SQLException {
    String sql =
        "INSERT INTO transcript_segment (session_id, idx, start_seconds, end_seconds, text,"
            + " present, "
            + AffectColumns.PROBABILITIES
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

  /**
   * Stores the corrected text and reading of utterance {@code index} of session {@code id}, the
   * original text beside it.
   *
   * @throws SQLException when the session has no such utterance
   */
  void correctUtterance(long id, int index, Utterance corrected) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "UPDATE transcript_segment SET text = ?, original_text = ?, "
                + SET_ESTIMATE
                + " WHERE session_id = ? AND idx = ?")) {
      s.setString(
          1, cipher.seal(corrected.text(), FieldCipher.Address.utterance("text", id, index)));
      s.setString(
          2,
          cipher.seal(
              corrected.originalText(), FieldCipher.Address.utterance("original_text", id, index)));
      bindEstimate(s, 3, corrected.affect());
      s.setLong(16, id);
      s.setInt(17, index);
      if (s.executeUpdate() != 1) {
        throw new SQLException("session " + id + " has no utterance " + index);
      }
    }
  }

  List<Utterance> readTranscript(long id) throws SQLException {
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

  void insertTranscriptOrigin(long id, TranscriptOrigin origin) throws SQLException {
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

  /** Sessions stored before Sentio recorded the source had their transcript from a file. */
  TranscriptOrigin readTranscriptOrigin(long id, List<Utterance> transcript) throws SQLException {
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
}
