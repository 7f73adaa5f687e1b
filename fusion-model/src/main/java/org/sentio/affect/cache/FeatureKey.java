package org.sentio.affect.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The identity of one cache entry: its kind, and a sha256 over the media's content hash, the
 * settings that shape the entry and the sha256 of each model that feeds it. Two analyses share an
 * entry exactly when all of these are equal, so a changed model or setting misses on its own kinds
 * only.
 *
 * @param kind what the entry holds
 * @param digest hex sha256 of everything the entry depends on
 * @param contentHash hex sha256 of the media file
 */
public record FeatureKey(FeatureKind kind, String digest, String contentHash) {
  /** Changes when an entry's byte layout changes, so that older entries are never read. */
  static final String FORMAT = "sentio-feature-cache/3";

  public FeatureKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(contentHash, "contentHash");
  }

  /** Starts a key of {@code kind} for the media whose content hash is {@code contentHash}. */
  public static Builder of(FeatureKind kind, String contentHash) {
    return new Builder(kind, contentHash);
  }

  /** Collects the settings and models of a key; their order does not matter. */
  public static final class Builder {
    private final FeatureKind kind;
    private final String contentHash;
    private final Map<String, String> settings = new TreeMap<>();
    private final Map<String, String> models = new TreeMap<>();

    private Builder(FeatureKind kind, String contentHash) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.contentHash = Objects.requireNonNull(contentHash, "contentHash");
    }

    /** A setting that shapes the entry; doubles are written exactly (their bits). */
    public Builder setting(String name, double value) {
      settings.put(name, Double.toHexString(value));
      return this;
    }

    public Builder setting(String name, String value) {
      settings.put(name, String.valueOf(value));
      return this;
    }

    /** A model that feeds the entry, by its name and the sha256 of its weights. */
    public Builder model(String name, String sha256) {
      models.put(name, String.valueOf(sha256));
      return this;
    }

    public FeatureKey build() {
      StringBuilder text = new StringBuilder(FORMAT).append('\n');
      text.append("kind=").append(kind.id()).append('\n');
      text.append("content=").append(contentHash).append('\n');
      settings.forEach(
          (k, v) -> text.append("setting:").append(k).append('=').append(v).append('\n'));
      models.forEach((k, v) -> text.append("model:").append(k).append('=').append(v).append('\n'));
      return new FeatureKey(
          kind, Digests.sha256(text.toString().getBytes(StandardCharsets.UTF_8)), contentHash);
    }
  }

  /** The digests this package takes. */
  static final class Digests {
    private Digests() {}

    static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    static String sha256(byte[] bytes) {
      return java.util.HexFormat.of().formatHex(sha256().digest(bytes));
    }
  }
}
