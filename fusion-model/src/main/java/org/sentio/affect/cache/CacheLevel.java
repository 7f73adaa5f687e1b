package org.sentio.affect.cache;

import java.util.Locale;

/** Where an entry was looked up: memory first, then the index file on disk. */
public enum CacheLevel {
  MEMORY,
  DISK;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
