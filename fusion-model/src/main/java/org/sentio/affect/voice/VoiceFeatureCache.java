package org.sentio.affect.voice;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.sentio.affect.UserCacheFolder;

/**
 * The wide-band and telephone-band {@link VoiceFeatures} of a list of training clips, kept in one
 * file so that a retrain does not decode and measure every clip again (several minutes on a busy
 * machine). The file is named by a digest of the clips' paths, sizes and modification times in
 * order, so a changed data set never reads stale rows; it holds the extractor's floats bit for bit,
 * so a cached and an uncached training give the same model.
 */
public final class VoiceFeatureCache {
  private VoiceFeatureCache() {}

  /** The default cache folder: {@code $XDG_CACHE_HOME/sentio/voice-features}. */
  public static Path defaultFolder() {
    return UserCacheFolder.of("voice-features");
  }

  /** The cache file of {@code clips} in {@code folder}. */
  public static Path file(Path folder, List<VoiceCorpora.Clip> clips) throws IOException {
    return file(folder, clips, "voice");
  }

  /** The cache file of {@code clips} for the features named {@code kind} (e.g. {@code logmel}). */
  public static Path file(Path folder, List<VoiceCorpora.Clip> clips, String kind)
      throws IOException {
    return folder.resolve(kind + "-" + digest(clips).substring(0, 24) + ".f32");
  }

  /** The cached rows ([clip][wide then telephone]), or null when the file is absent or short. */
  public static float[][] read(Path file, int clips) throws IOException {
    return read(file, clips, 2 * VoiceFeatures.SIZE);
  }

  /** The cached rows of {@code width} floats each, or null when the file is absent or short. */
  public static float[][] read(Path file, int clips, int width) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) != (long) clips * width * 4) {
      return null;
    }
    float[][] rows = new float[clips][width];
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      for (float[] row : rows) {
        for (int k = 0; k < width; k++) {
          row[k] = in.readFloat();
        }
      }
    }
    return rows;
  }

  /** Writes {@code rows} to {@code file} atomically (a temporary file, then a move). */
  public static void write(Path file, float[][] rows) throws IOException {
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(partial))) {
      for (float[] row : rows) {
        for (float v : row) {
          out.writeFloat(v);
        }
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String digest(List<VoiceCorpora.Clip> clips) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (VoiceCorpora.Clip clip : clips) {
        String key =
            clip.file().toAbsolutePath().normalize()
                + "|"
                + Files.size(clip.file())
                + "|"
                + Files.getLastModifiedTime(clip.file()).toMillis()
                + "\n";
        digest.update(key.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
