package org.sentio.app.store;

import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Embedding;
import org.sentio.affect.Modality;

/**
 * Each stored window's embeddings per modality (table {@code window_embedding}, migration V18, ADR
 * 0059): the penultimate layer of the face, voice or text model that read the window, as IEEE
 * half-precision floats sealed with the store's key. Saved with the session in its transaction (by
 * {@link SessionRepository}), deleted with its window and so with its session; never part of an
 * export.
 *
 * <p>Where cheap (ADR 0059): an estimate's embedding is stored when it has at most {@value
 * #MAX_STORED_SIZE} values, which every shipped model's does (voice 64, text 384, face head 512).
 */
public final class WindowEmbeddingRepository {
  /** The largest embedding stored per window and modality: 2 KiB as half floats. */
  public static final int MAX_STORED_SIZE = 1024;

  private static final String INSERT =
      "INSERT INTO window_embedding (session_id, window_idx, modality, model, size, vector)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private final StoreDatabase db;

  WindowEmbeddingRepository(StoreDatabase db) {
    this.db = db;
  }

  /** Whether an estimate's embedding is kept: present, and no larger than the rule allows. */
  public static boolean stored(AffectEstimate estimate) {
    return estimate.isPresent()
        && estimate.hasEmbedding()
        && estimate.embedding().size() <= MAX_STORED_SIZE;
  }

  /** Saves the embeddings of session {@code id}'s windows (the windows saved first). */
  static void insert(Connection connection, FieldCipher cipher, long id, List<AffectWindow> windows)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (AffectWindow window : windows) {
        for (Modality modality : Modality.values()) {
          addRow(insert, cipher, id, window.index(), modality, window.estimate(modality));
        }
      }
      insert.executeBatch();
    }
  }

  /**
   * Replaces the text embeddings of the windows a transcript correction changed: each window's new
   * text reading's embedding, or none.
   */
  static void replaceText(
      Connection connection, FieldCipher cipher, long id, List<AffectWindow> changed)
      throws SQLException {
    try (PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM window_embedding WHERE session_id = ? AND window_idx = ?"
                    + " AND modality = ?");
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (AffectWindow window : changed) {
        delete.setLong(1, id);
        delete.setInt(2, window.index());
        delete.setString(3, Modality.TEXT.label());
        delete.addBatch();
        addRow(insert, cipher, id, window.index(), Modality.TEXT, window.estimate(Modality.TEXT));
      }
      delete.executeBatch();
      insert.executeBatch();
    }
  }

  private static void addRow(
      PreparedStatement insert,
      FieldCipher cipher,
      long id,
      int window,
      Modality modality,
      AffectEstimate estimate)
      throws SQLException {
    if (!stored(estimate)) {
      return;
    }
    Embedding embedding = estimate.embedding();
    insert.setLong(1, id);
    insert.setInt(2, window);
    insert.setString(3, modality.label());
    insert.setString(4, embedding.model());
    insert.setInt(5, embedding.size());
    insert.setBytes(
        6,
        cipher.sealBytes(
            halfFloats(embedding), FieldCipher.Address.embedding(id, window, modality.label())));
    insert.addBatch();
  }

  /**
   * The embeddings of session {@code id}, by window index then modality; empty when it has none
   * (stored before V18, or read by models without embeddings).
   *
   * @throws StoreException when the store cannot be read or a value does not open with its key
   */
  public Map<Integer, Map<Modality, Embedding>> load(long id) throws StoreException {
    return db.read(
        "read the embeddings of session " + id,
        () -> {
          Map<Integer, Map<Modality, Embedding>> out = new TreeMap<>();
          try (PreparedStatement select =
              db.connection()
                  .prepareStatement(
                      "SELECT window_idx, modality, model, size, vector FROM window_embedding"
                          + " WHERE session_id = ? ORDER BY window_idx, modality")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                int window = rows.getInt("window_idx");
                String label = rows.getString("modality");
                Modality modality = Modality.valueOf(label.toUpperCase(Locale.ROOT));
                byte[] plain =
                    db.cipher()
                        .openBytes(
                            rows.getBytes("vector"),
                            FieldCipher.Address.embedding(id, window, label));
                int size = rows.getInt("size");
                if (plain.length != 2 * size) {
                  throw new SQLException(
                      "window_embedding of row "
                          + id
                          + "/"
                          + window
                          + "/"
                          + label
                          + " holds "
                          + plain.length
                          + " bytes for "
                          + size
                          + " values: the file was edited outside Sentio; restore it from a"
                          + " backup");
                }
                out.computeIfAbsent(window, w -> new EnumMap<>(Modality.class))
                    .put(modality, new Embedding(rows.getString("model"), floats(plain)));
              }
            }
          }
          return out;
        });
  }

  /** What session {@code id}'s embeddings take in the file, per modality (value bytes only). */
  public Map<Modality, Footprint> footprint(long id) throws StoreException {
    return db.read(
        "measure the embeddings of session " + id,
        () -> {
          Map<Modality, Footprint> out = new EnumMap<>(Modality.class);
          try (PreparedStatement select =
              db.connection()
                  .prepareStatement(
                      "SELECT modality, COUNT(*), SUM(LENGTH(vector)), MAX(size)"
                          + " FROM window_embedding WHERE session_id = ? GROUP BY modality")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.put(
                    Modality.valueOf(rows.getString(1).toUpperCase(Locale.ROOT)),
                    new Footprint(rows.getInt(2), rows.getLong(3), rows.getInt(4)));
              }
            }
          }
          return out;
        });
  }

  /**
   * The stored embeddings of one modality of a session.
   *
   * @param windows windows with a stored embedding
   * @param bytes the sealed vectors' bytes together
   * @param size the embedding's size
   */
  public record Footprint(int windows, long bytes, int size) {}

  private static byte[] halfFloats(Embedding embedding) {
    ByteBuffer bytes = ByteBuffer.allocate(2 * embedding.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < embedding.size(); i++) {
      bytes.putShort(Fp16Conversions.floatToFp16(embedding.value(i)));
    }
    return bytes.array();
  }

  private static float[] floats(byte[] halfFloats) {
    ByteBuffer bytes = ByteBuffer.wrap(halfFloats).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[halfFloats.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = Fp16Conversions.fp16ToFloat(bytes.getShort());
    }
    return out;
  }
}
