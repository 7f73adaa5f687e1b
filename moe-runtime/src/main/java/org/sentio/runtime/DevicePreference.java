package org.sentio.runtime;

import java.util.Locale;

/** What the user asked for: a specific execution provider, or the best one present. */
public enum DevicePreference {
  AUTO,
  CUDA,
  DIRECTML,
  CPU;

  /**
   * Reads {@code auto}, {@code cuda}, {@code directml} or {@code cpu}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static DevicePreference parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown device '" + text + "': use one of auto, cuda, directml, cpu", e);
    }
  }
}
