package org.sentio.affect.evaluate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sentio.affect.Emotion;

/**
 * A labeled CSV for {@code sentio evaluate}: a {@code label} column and any of {@code image},
 * {@code audio} (paths relative to the CSV, or absolute) and {@code text} (the text itself).
 *
 * <p>Labels use the data sets' vocabulary (angry, disgust, fear, happy, sad, surprise, neutral;
 * Sentio's own names such as fearful are accepted too). A label from another common emotion
 * vocabulary ({@link #OTHER_VOCABULARY}, e.g. RAVDESS's calm) is skipped and counted; any other
 * label is an error unless {@code skipUnknown} is set. Rows are numbered as lines of the file (the
 * header is line 1).
 *
 * @param file the CSV
 * @param rows the rows to evaluate
 * @param skipped the rows skipped for their label
 */
public record LabeledSet(Path file, List<Row> rows, List<Row> skipped) {

  /** Labels of other vocabularies that are skipped rather than refused. */
  public static final Set<String> OTHER_VOCABULARY =
      Set.of(
          "calm",
          "contempt",
          "boredom",
          "bored",
          "excited",
          "frustrated",
          "frustration",
          "other",
          "unknown",
          "none",
          "mixed",
          "love",
          "pleasant_surprise",
          "ps");

  public static final List<String> MODALITY_COLUMNS = List.of("image", "audio", "text");

  /**
   * One row.
   *
   * @param line line number in the file
   * @param label the label as written
   * @param emotion the label read, or null for a skipped row
   * @param image the image file, or null
   * @param audio the audio file, or null
   * @param text the text, or null
   */
  public record Row(int line, String label, Emotion emotion, Path image, Path audio, String text) {
    public int modalities() {
      return (image != null ? 1 : 0) + (audio != null ? 1 : 0) + (text != null ? 1 : 0);
    }
  }

  /** A CSV that cannot be evaluated; the message names the file, the rows and the fix. */
  public static final class InvalidException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the problem; control characters a cell or header brought in (a quoted CSV
     *     field may hold line breaks; found by LabeledCsvFuzzTest) are shown escaped, so the
     *     message stays one line
     */
    public InvalidException(String message) {
      super(oneLine(message));
    }

    static String oneLine(String message) {
      StringBuilder out = new StringBuilder(message.length());
      message
          .codePoints()
          .forEach(
              c -> {
                switch (c) {
                  case '\n' -> out.append("\\n");
                  case '\r' -> out.append("\\r");
                  case '\t' -> out.append("\\t");
                  default -> {
                    if (Character.isISOControl(c)) {
                      out.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                      out.appendCodePoint(c);
                    }
                  }
                }
              });
      return out.toString();
    }
  }

  /** Reads and checks {@code csv}. */
  public static LabeledSet read(Path csv, boolean skipUnknown) throws InvalidException {
    return read(csv, skipUnknown, null, null);
  }

  /**
   * Reads and checks {@code csv}, taking the label from column {@code labelColumn} and the image
   * path from column {@code imageColumn} where these are given (e.g. a data set's own {@code
   * labels.csv} with {@code path}, or {@code ferplus_votes.csv} with {@code ferplus_label}); the
   * file's other columns are then ignored.
   */
  public static LabeledSet read(
      Path csv, boolean skipUnknown, String labelColumn, String imageColumn)
      throws InvalidException {
    if (!Files.isRegularFile(csv)) {
      throw new InvalidException(csv + ": no such file");
    }
    Path base = csv.toAbsolutePath().getParent();
    List<String> header;
    List<Map<String, String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    try (MappingIterator<Map<String, String>> it =
        mapper
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(csv.toFile())) {
      CsvSchema schema = (CsvSchema) it.getParser().getSchema();
      while (it.hasNext()) {
        int line = it.getCurrentLocation().getLineNr();
        Map<String, String> record = it.next();
        records.add(record);
        lines.add(line);
      }
      schema = (CsvSchema) it.getParser().getSchema();
      header = new ArrayList<>(schema.getColumnNames());
    } catch (IOException | RuntimeException e) {
      throw new InvalidException(
          csv + ": not a readable CSV (" + firstLine(e) + "); expected a header row with label");
    }
    if (header.isEmpty()) {
      throw new InvalidException(
          csv + ": the file is empty; expected a header row (label, and image, audio or text)");
    }
    List<String> lower = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    String labelKey = labelColumn == null ? "label" : labelColumn.toLowerCase(Locale.ROOT);
    String imageKey = imageColumn == null ? "image" : imageColumn.toLowerCase(Locale.ROOT);
    for (String named : new String[] {labelColumn, imageColumn}) {
      if (named != null && !lower.contains(named.toLowerCase(Locale.ROOT))) {
        throw new InvalidException(
            csv + ": no column '" + named + "' (the header has " + header + ")");
      }
    }
    boolean renamed = labelColumn != null || imageColumn != null;
    List<String> unknownColumns =
        lower.stream()
            .filter(h -> !renamed && !h.equals("label") && !MODALITY_COLUMNS.contains(h))
            .collect(Collectors.toList());
    if (!lower.contains(labelKey)
        || (MODALITY_COLUMNS.stream().noneMatch(lower::contains) && !lower.contains(imageKey))
        || !unknownColumns.isEmpty()) {
      throw new InvalidException(
          csv
              + ": wrong columns "
              + header
              + (unknownColumns.isEmpty() ? "" : " (unknown: " + unknownColumns + ")")
              + "; expected label plus any of image, audio, text");
    }
    if (records.isEmpty()) {
      throw new InvalidException(csv + ": no rows after the header; nothing to evaluate");
    }
    List<Row> rows = new ArrayList<>();
    List<Row> skipped = new ArrayList<>();
    Map<String, List<Integer>> problems = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, String> record = lowerKeys(records.get(i));
      int line = lines.get(i);
      String label = blankToNull(record.get(labelKey));
      Path image;
      Path audio;
      try {
        image = file(base, record.get(imageKey));
        audio = file(base, record.get("audio"));
      } catch (InvalidPathException e) {
        problems
            .computeIfAbsent("not a file path (" + e.getReason() + ")", k -> new ArrayList<>())
            .add(line);
        continue;
      }
      String text = blankToNull(record.get("text"));
      if (label == null) {
        problems.computeIfAbsent("no label", k -> new ArrayList<>()).add(line);
        continue;
      }
      for (Path p : new Path[] {image, audio}) {
        if (p != null && !Files.isRegularFile(p)) {
          problems.computeIfAbsent("missing file " + p, k -> new ArrayList<>()).add(line);
        }
      }
      if (image == null && audio == null && text == null) {
        problems.computeIfAbsent("no image, audio or text", k -> new ArrayList<>()).add(line);
      }
      Emotion emotion = null;
      try {
        emotion = Emotion.parse(label);
      } catch (IllegalArgumentException e) {
        String key = label.trim().toLowerCase(Locale.ROOT);
        if (!skipUnknown && !OTHER_VOCABULARY.contains(key)) {
          problems
              .computeIfAbsent("unknown label '" + label + "'", k -> new ArrayList<>())
              .add(line);
        }
      }
      Row row = new Row(line, label, emotion, image, audio, text);
      if (emotion == null) {
        skipped.add(row);
      } else {
        rows.add(row);
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder(csv.toString()).append(": bad rows: ");
      int shown = 0;
      for (Map.Entry<String, List<Integer>> p : problems.entrySet()) {
        if (shown++ > 0) {
          message.append("; ");
        }
        if (shown > 8) {
          message.append("and ").append(problems.size() - 8).append(" more problems");
          break;
        }
        message.append(p.getKey()).append(" (").append(lineList(p.getValue())).append(')');
      }
      message.append(
          "; labels are angry, disgust, fear, happy, sad, surprise, neutral; paths are relative to"
              + " the CSV");
      throw new InvalidException(message.toString());
    }
    if (rows.isEmpty()) {
      throw new InvalidException(
          csv
              + ": every row has a label outside angry, disgust, fear, happy, sad, surprise,"
              + " neutral ("
              + skipped.size()
              + " skipped); nothing to evaluate");
    }
    return new LabeledSet(csv, List.copyOf(rows), List.copyOf(skipped));
  }

  private static String lineList(List<Integer> lines) {
    String head = lines.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
    return (lines.size() == 1 ? "row " : "rows ")
        + head
        + (lines.size() > 10 ? " and " + (lines.size() - 10) + " more" : "");
  }

  private static Map<String, String> lowerKeys(Map<String, String> record) {
    Map<String, String> out = new LinkedHashMap<>();
    record.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  private static Path file(Path base, String cell) {
    String value = blankToNull(cell);
    return value == null ? null : base.resolve(value).normalize();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }
}
