package org.sentio.affect.cache;

/** A cache entry whose bytes do not match their checksum or cannot be read back. */
final class CorruptEntryException extends Exception {
  private static final long serialVersionUID = 1L;

  CorruptEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
