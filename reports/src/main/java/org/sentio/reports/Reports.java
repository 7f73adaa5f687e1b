package org.sentio.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.TranscriptSource;

/**
 * The one door to reports and exports for the command line and the desktop's Review view: writes a
 * session in the chosen formats into a folder and says which files it wrote. Each file is written
 * beside its final name and moved into place, so a failure never leaves half a file under it.
 *
 * <p>Files are named {@code <title>-<id>.<ext>} ({@link #baseName}); a report in another language
 * than English adds the language tag, e.g. {@code demo-call-1.zh-CN.pdf}.
 */
public final class Reports {
  private Reports() {}

  /** Writes {@code formats} of session {@code id} into {@code dir} (created if missing). */
  public static List<Path> write(
      long id, SessionResult result, Set<Format> formats, Path dir, ReportOptions options)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Format format : Format.values()) {
      if (formats.contains(format)) {
        Path file = dir.resolve(fileName(id, result, format, options.language()));
        write(id, result, format, file, options);
        written.add(file);
        if (format == Format.CSV && recognised(result)) {
          Path words = dir.resolve(transcriptCsvName(id, result));
          write(words, out -> text(out, w -> TranscriptCsv.write(result, w)));
          written.add(words);
        }
        if (format == Format.CSV && !result.speakerReadings().isEmpty()) {
          Path speakers = dir.resolve(speakerCsvName(id, result));
          write(speakers, out -> text(out, w -> SpeakerCsv.write(result, w)));
          written.add(speakers);
        }
      }
    }
    return written;
  }

  /** Writes {@code formats} of session {@code id} with the default report options. */
  public static List<Path> write(long id, SessionResult result, Set<Format> formats, Path dir)
      throws IOException {
    return write(id, result, formats, dir, ReportOptions.DEFAULT);
  }

  /** Whether the session's words were recognised from speech (its CSV then has a words file). */
  private static boolean recognised(SessionResult result) {
    return result.transcriptOrigin() != null
        && result.transcriptOrigin().source() == TranscriptSource.ASR;
  }

  /** {@code <base name>-transcript.csv}: the recognised words, beside the window CSV. */
  public static String transcriptCsvName(long id, SessionResult result) {
    return baseName(id, result.title()) + "-transcript.csv";
  }

  /**
   * {@code <base name>-speakers.csv}: each speaker's readings per window, beside the window CSV.
   */
  public static String speakerCsvName(long id, SessionResult result) {
    return baseName(id, result.title()) + "-speakers.csv";
  }

  /** Writes one file, replacing {@code file} only once it is complete. */
  public static void write(
      long id, SessionResult result, Format format, Path file, ReportOptions options)
      throws IOException {
    write(
        file,
        out -> {
          switch (format) {
            case PDF -> PdfReport.write(result, options, out);
            case HTML -> text(out, w -> HtmlReport.write(result, options, w));
            case CSV -> text(out, w -> WindowCsv.write(result, w));
            case JSON -> SessionJson.write(id, result, out);
            case VTT -> text(out, w -> EmotionVtt.write(result, w));
            case EAF -> ElanEaf.write(result, out);
          }
        });
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static void write(Path file, Body body) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path partial =
        dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) { // the user's umask applies
        body.write(out);
      }
      try {
        Files.move(
            partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** The file name of {@code format} for session {@code id}. */
  public static String fileName(
      long id, SessionResult result, Format format, ReportLanguage language) {
    String tag = format.isReport() && language != ReportLanguage.EN ? "." + language.tag() : "";
    return baseName(id, result.title()) + tag + "." + format.extension();
  }

  /** {@code <slug of the title>-<id>}: lower case letters and digits joined by hyphens. */
  public static String baseName(long id, String title) {
    String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    slug = slug.isEmpty() ? "session" : slug.substring(0, Math.min(slug.length(), 60));
    return slug + "-" + id;
  }

  private interface TextBody {
    void write(Writer out) throws IOException;
  }

  private static void text(OutputStream out, TextBody body) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    body.write(writer);
    writer.flush();
  }
}
