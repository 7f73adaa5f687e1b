package org.sentio.reports;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The files a session can be written as: two reports for people, four exports for tools. */
public enum Format {
  PDF("pdf", true),
  HTML("html", true),
  CSV("csv", false),
  JSON("json", false),
  VTT("vtt", false),
  EAF("eaf", false);

  private final String extension;
  private final boolean report;

  Format(String extension, boolean report) {
    this.extension = extension;
    this.report = report;
  }

  /** The file name extension, also the name used on the command line. */
  public String extension() {
    return extension;
  }

  /** True for the reports (PDF, HTML) that people read, false for data exports. */
  public boolean isReport() {
    return report;
  }

  /** The reports, {@code pdf, html}. */
  public static Set<Format> reports() {
    return EnumSet.of(PDF, HTML);
  }

  /** The exports, {@code csv, json, vtt, eaf}. */
  public static Set<Format> exports() {
    return EnumSet.of(CSV, JSON, VTT, EAF);
  }

  /**
   * Reads a comma-separated list such as {@code "pdf,html"}, case-insensitively, keeping only those
   * in {@code allowed}.
   *
   * @throws IllegalArgumentException naming the unknown format and the accepted ones
   */
  public static Set<Format> parseList(String text, Set<Format> allowed) {
    Set<Format> formats = EnumSet.noneOf(Format.class);
    for (String part : text.split(",")) {
      String name = part.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      Format found = null;
      for (Format f : allowed) {
        if (f.extension.equals(name)) {
          found = f;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "unknown format '" + part.strip() + "': use " + names(allowed));
      }
      formats.add(found);
    }
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("no format given: use " + names(allowed));
    }
    return formats;
  }

  /** The names of {@code formats}, comma-separated, in declaration order. */
  public static String names(Set<Format> formats) {
    List<String> names = new ArrayList<>();
    for (Format f : values()) {
      if (formats.contains(f)) {
        names.add(f.extension);
      }
    }
    return String.join(", ", names);
  }
}
