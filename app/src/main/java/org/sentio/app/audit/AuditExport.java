package org.sentio.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sentio.app.store.AuditRepository;

/**
 * Writes audit entries, with their hashes, so that the chain can be checked again outside Sentio:
 * JSON lines (one object per entry) or CSV with a header row. Used by {@code sentio audit export}
 * and the desktop's audit page.
 */
public final class AuditExport {
  /** The columns (CSV) and keys (JSON), in order. */
  public static final List<String> FIELDS =
      List.of("seq", "at", "user", "action", "subject", "detail", "prevHash", "hash");

  /** The file formats. */
  public enum Format {
    JSON,
    CSV;

    /** CSV for a file named *.csv (any case), else JSON lines. */
    public static Format forFile(Path file) {
      String name = file.getFileName() == null ? "" : file.getFileName().toString();
      return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSON;
    }
  }

  private AuditExport() {}

  /**
   * Writes {@code entries} to {@code out} in {@code format}, creating missing parent folders.
   *
   * @throws IOException when the file or its folder cannot be written
   */
  public static void write(List<AuditRepository.Entry> entries, Path out, Format format)
      throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      if (format == Format.CSV) {
        writeCsv(entries, w);
      } else {
        writeJsonLines(entries, w);
      }
    }
  }

  private static void writeJsonLines(List<AuditRepository.Entry> entries, BufferedWriter w)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (AuditRepository.Entry e : entries) {
      ObjectNode line = json.createObjectNode();
      List<String> values = values(e);
      line.put(FIELDS.get(0), e.seq());
      for (int i = 1; i < FIELDS.size(); i++) {
        line.put(FIELDS.get(i), values.get(i));
      }
      w.write(json.writeValueAsString(line));
      w.newLine();
    }
  }

  private static void writeCsv(List<AuditRepository.Entry> entries, Writer w) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    for (String field : FIELDS) {
      schema.addColumn(field);
    }
    List<List<String>> rows = new ArrayList<>();
    for (AuditRepository.Entry e : entries) {
      rows.add(values(e));
    }
    new CsvMapper().writerFor(List.class).with(schema.build()).writeValues(w).writeAll(rows);
  }

  private static List<String> values(AuditRepository.Entry e) {
    return List.of(
        Long.toString(e.seq()),
        e.at().toString(),
        e.osUser(),
        e.action().name().toLowerCase(Locale.ROOT),
        e.subject(),
        e.detail(),
        e.previousHash(),
        e.hash());
  }
}
