package org.sentio.learning.federated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Ed25519 signatures of update files (the JDK's own EdDSA, RFC 8032), kept beside the update as
 * {@code UPDATE.sfu.sig}: a small JSON file with the algorithm, the signer's public key (X.509
 * SubjectPublicKeyInfo, Base64) and the signature of every byte of the {@code .sfu} file. Keys are
 * PEM files (PKCS#8 private, SPKI public) that OpenSSL also reads; the private key file is made
 * readable by its owner only where the file system has POSIX permissions.
 *
 * <p>The update format itself is unchanged: its checksum still catches corruption, the signature
 * tells who made it. An aggregator that trusts a set of public keys refuses an update without a
 * signature, one signed by any other key, and one whose bytes no longer match its signature.
 */
public final class UpdateSignature {
  public static final String ALGORITHM = "Ed25519";
  public static final String SUFFIX = ".sig";
  private static final ObjectMapper JSON = new ObjectMapper();

  private UpdateSignature() {}

  /** A key or signature file that cannot be used: the message names it and the fault. */
  public static final class KeyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A new Ed25519 key pair from the JDK's strong random source. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks Ed25519 (Java 15+ has it)", e);
    }
  }

  /**
   * Writes {@code keys} as {@code NAME.key} (private, owner-only) and {@code NAME.pub}.
   *
   * @throws IOException when either file exists already or cannot be written
   */
  public static void write(KeyPair keys, Path privateFile, Path publicFile) throws IOException {
    for (Path p : List.of(privateFile, publicFile)) {
      if (Files.exists(p)) {
        throw new IOException(p + " exists; choose another name (keys are never overwritten)");
      }
    }
    String privatePem = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          privateFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(privateFile, privatePem);
    Files.writeString(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
  }

  public static PrivateKey readPrivate(Path file) throws KeyFileException {
    byte[] der = readPem(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KeyFileException(file + ": not an Ed25519 private key (" + e.getMessage() + ")", e);
    }
  }

  public static PublicKey readPublic(Path file) throws KeyFileException {
    return publicKey(file.toString(), readPem(file, "PUBLIC KEY"));
  }

  /** The first 16 hex digits of the SHA-256 of the key's encoding: how messages name a key. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Where the signature of {@code update} lies. */
  public static Path signatureFile(Path update) {
    return update.resolveSibling(update.getFileName() + SUFFIX);
  }

  /** Signs {@code bytes} (an update file's) with {@code key}, writing {@code update}'s .sig. */
  public static Path sign(Path update, byte[] bytes, PrivateKey key, PublicKey publicKey)
      throws IOException {
    byte[] signature;
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(bytes);
      signature = s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with a key read as Ed25519 cannot fail", e);
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("algorithm", ALGORITHM);
    node.put("publicKey", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
    node.put("signature", Base64.getEncoder().encodeToString(signature));
    Path file = signatureFile(update);
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
    return file;
  }

  /**
   * Checks that {@code bytes}, the content of {@code update}, carry a valid signature by one of
   * {@code trusted}.
   *
   * @return the signer's key
   * @throws UpdateFile.UpdateFileException naming the file: unsigned, signed by a key not trusted,
   *     or a signature that does not match its bytes (altered or forged)
   */
  public static PublicKey verify(Path update, byte[] bytes, List<PublicKey> trusted)
      throws UpdateFile.UpdateFileException {
    Path file = signatureFile(update);
    if (!Files.isRegularFile(file)) {
      throw new UpdateFile.UpdateFileException(
          update
              + ": not signed (no "
              + file.getFileName()
              + "); with --trust every update must be signed by a trusted site key"
              + " (sentio federate export --sign KEY)");
    }
    PublicKey signer;
    byte[] signature;
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (!ALGORITHM.equals(node.path("algorithm").asText())) {
        throw new IllegalArgumentException(
            "algorithm " + node.path("algorithm").asText() + ", not " + ALGORITHM);
      }
      signer =
          publicKey(file.toString(), Base64.getDecoder().decode(node.path("publicKey").asText()));
      signature = Base64.getDecoder().decode(node.path("signature").asText());
    } catch (IOException | IllegalArgumentException | KeyFileException e) {
      throw new UpdateFile.UpdateFileException(
          file + ": not a readable signature file (" + e.getMessage() + ")");
    }
    boolean known = trusted.stream().anyMatch(k -> k.equals(signer));
    if (!known) {
      throw new UpdateFile.UpdateFileException(
          update
              + ": signed by key "
              + fingerprint(signer)
              + ", which is not among the trusted keys (--trust); refused");
    }
    boolean valid;
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(signer);
      s.update(bytes);
      valid = s.verify(signature);
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw new UpdateFile.UpdateFileException(
          update
              + ": the signature by key "
              + fingerprint(signer)
              + " does not match the file (altered after signing, or forged); refused");
    }
    return signer;
  }

  private static PublicKey publicKey(String where, byte[] der) throws KeyFileException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KeyFileException(where + ": not an Ed25519 public key (" + e.getMessage() + ")", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] readPem(Path file, String type) throws KeyFileException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new KeyFileException(file + ": cannot read the key file (" + e.getMessage() + ")", e);
    }
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new KeyFileException(
          file
              + ": not a PEM "
              + type.toLowerCase(java.util.Locale.ROOT)
              + " file ("
              + begin
              + " … "
              + end
              + ")",
          null);
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException x) {
      throw new KeyFileException(file + ": the key is not valid Base64", x);
    }
  }
}
