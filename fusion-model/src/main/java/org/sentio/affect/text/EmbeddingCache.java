package org.sentio.affect.text;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.sentio.affect.UserCacheFolder;
import org.sentio.runtime.ModelException;

/**
 * Sentence embeddings of a list of training texts, kept in a file so that a retrain does not run
 * the encoder again (about 10 ms a text on one core). The file is named by the encoder, the sha256
 * of its ONNX file and a digest of the texts in order ({@link #file}), so a changed data set or
 * encoder file never reads stale rows; rows are appended as they are computed, so an interrupted
 * run resumes where it stopped. The rows are the encoder's own output, bit for bit, so a cached and
 * an uncached training give the same model.
 */
public final class EmbeddingCache {
  private static final int FLUSH_EVERY = 500;

  private EmbeddingCache() {}

  /** The default cache folder: {@code $XDG_CACHE_HOME/sentio/text-embeddings}. */
  public static Path defaultFolder() {
    return UserCacheFolder.of("text-embeddings");
  }

  /**
   * The embeddings of {@code texts}, from {@code folder} where already computed (null: no cache).
   *
   * @param log told the progress every few thousand texts
   */
  public static float[][] embeddings(
      SentenceEncoder encoder, List<String> texts, Path folder, Consumer<String> log)
      throws IOException, ModelException {
    int n = texts.size();
    float[][] rows = new float[n][];
    if (folder == null) {
      for (int i = 0; i < n; i++) {
        rows[i] = encoder.embed(texts.get(i));
      }
      return rows;
    }
    Files.createDirectories(folder);
    Path file = file(folder, encoder.encoder(), texts);
    int done = read(file, rows);
    if (done > 0) {
      log.accept(String.format(Locale.ROOT, "%s: %d of %d embeddings cached", file, done, n));
    }
    if (done == n) {
      return rows;
    }
    long start = System.nanoTime();
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ByteBuffer buffer =
          ByteBuffer.allocate(SentenceEncoder.DIMENSION * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = done; i < n; i++) {
        rows[i] = encoder.embed(texts.get(i));
        buffer.clear();
        buffer.asFloatBuffer().put(rows[i]);
        out.write(buffer.array());
        if ((i + 1) % FLUSH_EVERY == 0 || i == n - 1) {
          out.flush();
        }
        if ((i + 1 - done) % 5000 == 0) {
          double ms = (System.nanoTime() - start) / 1e6 / (i + 1 - done);
          log.accept(
              String.format(Locale.ROOT, "embedded %d of %d texts (%.1f ms a text)", i + 1, n, ms));
        }
      }
    }
    return rows;
  }

  /**
   * The cache file of {@code texts} embedded by {@code encoder}: its id, the first 16 hex digits of
   * its pinned ONNX sha256 (the file {@link SentenceEncoder#open} checks before loading) and the
   * first 24 of the texts' digest.
   */
  public static Path file(Path folder, SentenceEncoder.Encoder encoder, List<String> texts) {
    return folder.resolve(
        encoder.id
            + "-"
            + encoder.onnxSha256.substring(0, 16)
            + "-"
            + digest(texts).substring(0, 24)
            + ".f32");
  }

  /** Reads the complete rows of {@code file} into {@code rows}; returns how many. */
  private static int read(Path file, float[][] rows) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    int width = SentenceEncoder.DIMENSION * 4;
    long complete = Math.min(rows.length, Files.size(file) / width);
    byte[] row = new byte[width];
    try (InputStream in = new DataInputStream(Files.newInputStream(file))) {
      for (int i = 0; i < complete; i++) {
        ((DataInputStream) in).readFully(row);
        float[] v = new float[SentenceEncoder.DIMENSION];
        ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        rows[i] = v;
      }
    }
    if (Files.size(file) != complete * width) {
      // A torn last row from an interrupted run: cut it so that appending continues cleanly.
      try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
        channel.truncate(complete * width);
      }
    }
    return (int) complete;
  }

  /** A digest of the texts in order (each with its length, so that boundaries count). */
  static String digest(List<String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      var bytes = new java.io.ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        for (String text : texts) {
          byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
          out.writeInt(utf8.length);
          out.write(utf8);
        }
      }
      return HexFormat.of().formatHex(digest.digest(bytes.toByteArray()));
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
