package org.sentio.affect.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The sha256 of a media file's bytes: the same recording under another name or path hits. */
public final class ContentHash {
  private static final int BUFFER_BYTES = 1 << 16;

  private ContentHash() {}

  /**
   * @throws IOException when the file cannot be read
   */
  public static String of(Path file) throws IOException {
    MessageDigest digest = FeatureKey.Digests.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      while (in.read(buffer) >= 0) {
        // reading is all the digest needs
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
