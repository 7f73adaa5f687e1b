package org.sentio.capture.media;

/** Squeezes text coming from FFmpeg or the OS into one short line for a user-facing message. */
final class OneLine {

  private static final int MAX = 200;

  private OneLine() {}

  static String of(String text) {
    if (text == null) {
      return "";
    }
    String s = text.replaceAll("\\s+", " ").trim();
    return s.length() <= MAX ? s : s.substring(0, MAX - 1) + "…";
  }
}
