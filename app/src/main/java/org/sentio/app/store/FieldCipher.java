package org.sentio.app.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the store's sensitive text fields (ADR 0032): AES-256-GCM from the JDK, a fresh
 * 96-bit IV per value, stored as {@code enc:v1:<base64(iv ‖ ciphertext ‖ tag)>}. The associated
 * data names the table, column and row, so a value copied into another row (or another column)
 * fails to open instead of showing the wrong words. When the store's key is missing or wrong the
 * cipher is {@linkplain #unavailable locked}: it seals nothing and opens nothing, and says why and
 * what to do, so nothing is written with another key and nothing stored is touched.
 */
abstract class FieldCipher {
  /** The prefix of every sealed value; a value without it was never encrypted. */
  static final String PREFIX = "enc:v1:";

  static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  /**
   * Where a value lives: the associated data of its encryption.
   *
   * @param column {@code table.column}
   * @param row the row's key, e.g. {@code 12/3} for utterance 3 of session 12
   */
  record Address(String column, String row) {
    static Address utterance(String column, long sessionId, int index) {
      return new Address("transcript_segment." + column, sessionId + "/" + index);
    }

    static Address word(long sessionId, int segmentIndex, int index) {
      return new Address("transcript_word.text", sessionId + "/" + segmentIndex + "/" + index);
    }

    static Address embedding(long sessionId, int window, String modality) {
      return new Address("window_embedding.vector", sessionId + "/" + window + "/" + modality);
    }

    byte[] associatedData() {
      return (column + "#" + row).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return column + " of row " + row;
    }
  }

  FieldCipher() {}

  /** A cipher over {@code key} (32 bytes). */
  static FieldCipher withKey(byte[] key) {
    return new AesGcm(key);
  }

  /** A cipher that refuses every seal and open with {@code reason} (what, where, what to do). */
  static FieldCipher unavailable(String reason) {
    return new Locked(reason);
  }

  /** The stored form of {@code plaintext} at {@code where}; null stays null. */
  abstract String seal(String plaintext, Address where) throws SQLException;

  /** The plaintext of {@code stored} at {@code where}; null stays null. */
  abstract String open(String stored, Address where) throws SQLException;

  /**
   * The stored form of binary {@code plaintext} at {@code where}: {@code iv ‖ ciphertext ‖ tag}, 28
   * bytes more than the plaintext, for values kept as BLOBs (ADR 0059).
   */
  abstract byte[] sealBytes(byte[] plaintext, Address where) throws SQLException;

  /** The plaintext of a {@link #sealBytes} value. */
  abstract byte[] openBytes(byte[] stored, Address where) throws SQLException;

  /** AES-256-GCM over the store's key. */
  static final class AesGcm extends FieldCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    // Cipher.getInstance costs more than sealing a sentence; each thread keeps one and re-inits it
    // with a fresh IV per value.
    private final ThreadLocal<Cipher> ciphers =
        ThreadLocal.withInitial(
            () -> {
              try {
                return Cipher.getInstance("AES/GCM/NoPadding");
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java has no AES/GCM", e);
              }
            });

    private AesGcm(byte[] key) {
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException("a store key has 32 bytes, not " + key.length);
      }
      this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    String seal(String plaintext, Address where) throws SQLException {
      if (plaintext == null) {
        return null;
      }
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(sealBytes(plaintext.getBytes(StandardCharsets.UTF_8), where));
    }

    @Override
    byte[] sealBytes(byte[] plaintext, Address where) throws SQLException {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      try {
        Cipher cipher = ciphers.get();
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(where.associatedData());
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new SQLException("cannot encrypt " + where + " (" + e + ")", e);
      }
    }

    @Override
    String open(String stored, Address where) throws SQLException {
      if (stored == null) {
        return null;
      }
      if (!stored.startsWith(PREFIX)) {
        throw new SQLException(
            where
                + " is stored unencrypted, which Sentio never writes; the file was edited outside"
                + " Sentio: restore it from a backup");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      } catch (IllegalArgumentException e) {
        throw damaged(where, e);
      }
      return new String(openBytes(bytes, where), StandardCharsets.UTF_8);
    }

    @Override
    byte[] openBytes(byte[] bytes, Address where) throws SQLException {
      if (bytes.length < IV_BYTES + TAG_BITS / 8) {
        throw damaged(where, null);
      }
      try {
        Cipher cipher = ciphers.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
        cipher.updateAAD(where.associatedData());
        return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
      } catch (GeneralSecurityException e) {
        throw damaged(where, e);
      }
    }

    private static SQLException damaged(Address where, Exception cause) {
      return new SQLException(
          where
              + " does not decrypt with this store's key: it was changed or moved from another"
              + " row outside Sentio; restore the store from a backup",
          cause);
    }
  }

  /** The key is missing or wrong: every seal and open fails with the reason. */
  static final class Locked extends FieldCipher {
    private final String reason;

    private Locked(String reason) {
      this.reason = reason;
    }

    @Override
    String seal(String plaintext, Address where) throws SQLException {
      if (plaintext == null) {
        return null;
      }
      throw new SQLException("nothing written: " + reason);
    }

    @Override
    String open(String stored, Address where) throws SQLException {
      if (stored == null) {
        return null;
      }
      throw new SQLException(reason);
    }

    @Override
    byte[] sealBytes(byte[] plaintext, Address where) throws SQLException {
      throw new SQLException("nothing written: " + reason);
    }

    @Override
    byte[] openBytes(byte[] stored, Address where) throws SQLException {
      throw new SQLException(reason);
    }
  }
}
