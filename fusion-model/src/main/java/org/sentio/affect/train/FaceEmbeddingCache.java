package org.sentio.affect.train;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.sentio.affect.UserCacheFolder;

/**
 * The frozen backbones' embeddings of the FER+ training faces, kept in one file so that a retrain
 * of {@code face-expression-head} trains on them in seconds instead of running both backbones on
 * every face again (about 50,000 runs). The file is named by a digest of the backbone models'
 * sha256, the training labels file's sha256, the number of faces and the row layout, so a changed
 * backbone or data set never reads stale rows. Rows are appended as they are computed, so an
 * interrupted run resumes where it stopped; they are ONNX Runtime's floats bit for bit, so a cached
 * and an uncached training write the same model.
 */
public final class FaceEmbeddingCache {
  /** Bumped whenever what a row holds changes (views, filter, embedding layout). */
  static final int FORMAT = 1;

  private final Path file;
  private final int rowFloats;

  private FaceEmbeddingCache(Path file, int rowFloats) {
    this.file = file;
    this.rowFloats = rowFloats;
  }

  /** The default cache folder: {@code $XDG_CACHE_HOME/sentio/face-embeddings}. */
  public static Path defaultFolder() {
    return UserCacheFolder.of("face-embeddings");
  }

  /**
   * The cache of {@code faces} rows of {@code rowFloats} each in {@code folder}, keyed by {@code
   * keys} (the backbones' and the labels file's sha256).
   */
  public static FaceEmbeddingCache open(Path folder, List<String> keys, int faces, int rowFloats)
      throws IOException {
    Files.createDirectories(folder);
    StringBuilder key = new StringBuilder("format " + FORMAT + "\n");
    keys.forEach(k -> key.append(k).append('\n'));
    key.append(faces).append(" faces of ").append(rowFloats).append(" floats\n");
    return new FaceEmbeddingCache(
        folder.resolve("ferplus-" + digest(key.toString()).substring(0, 24) + ".f32"), rowFloats);
  }

  public Path file() {
    return file;
  }

  /**
   * Reads the complete rows already in the file into the start of {@code embeddings}; returns how
   * many. A torn last row (an interrupted run) is cut off so that appending continues cleanly.
   */
  public int read(float[] embeddings) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    long rowBytes = (long) rowFloats * 4;
    int capacity = embeddings.length / rowFloats;
    int complete = (int) Math.min(capacity, Files.size(file) / rowBytes);
    byte[] row = new byte[(int) rowBytes];
    try (InputStream in = new DataInputStream(Files.newInputStream(file))) {
      for (int i = 0; i < complete; i++) {
        ((DataInputStream) in).readFully(row);
        ByteBuffer.wrap(row)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(embeddings, i * rowFloats, rowFloats);
      }
    }
    if (Files.size(file) != complete * rowBytes) {
      try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
        channel.truncate(complete * rowBytes);
      }
    }
    return complete;
  }

  /** Appends rows {@code from} (inclusive) to {@code to} (exclusive) of {@code embeddings}. */
  public void append(float[] embeddings, int from, int to) throws IOException {
    ByteBuffer buffer =
        ByteBuffer.allocate((to - from) * rowFloats * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(embeddings, from * rowFloats, (to - from) * rowFloats);
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(buffer.array());
    }
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
