package org.sentio.spark;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Turns the job's inputs into entries, on the driver. An input is a folder (every media file in it
 * and below), a glob, a manifest ({@code .csv} with columns path, transcript, title, tags) or a
 * media file. A media file found in a folder or by a glob takes the transcript beside it with the
 * same name ({@code talk.mp4} and {@code talk.srt}). Paths that do not exist stay entries: their
 * task reports them, so that every input appears in the summary.
 */
final class InputListing {
  static final Set<String> MEDIA_EXTENSIONS =
      Set.of(
          "mp4", "m4v", "mov", "mkv", "webm", "avi", "wmv", "flv", "mpg", "mpeg", "ts", "wav",
          "mp3", "m4a", "aac", "flac", "ogg", "oga", "opus", "wma", "amr");
  private static final List<String> TRANSCRIPT_EXTENSIONS = List.of("srt", "vtt", "txt");
  private static final String TAG_SEPARATOR = ";";

  /**
   * The entries of every input, and the inputs that named nothing.
   *
   * @param entries what to analyse, in input order
   * @param failures globs that matched nothing and unusable manifest rows
   */
  record Listing(List<ArchiveEntry> entries, List<FileOutcome> failures) {}

  /** Reads the rows of a Parquet manifest as column → text (tags may be an array column). */
  interface ParquetRows {
    List<Map<String, String>> read(String path) throws IOException;
  }

  private final Configuration hadoop;
  private final ParquetRows parquet;
  private final List<ArchiveEntry> entries = new ArrayList<>();
  private final List<FileOutcome> failures = new ArrayList<>();

  private InputListing(Configuration hadoop, ParquetRows parquet) {
    this.hadoop = hadoop;
    this.parquet = parquet;
  }

  /**
   * Lists {@code inputs}.
   *
   * @throws JobInputException when a manifest cannot be read or lacks the path column
   */
  static Listing list(List<String> inputs, Configuration hadoop, ParquetRows parquet)
      throws JobInputException {
    InputListing listing = new InputListing(hadoop, parquet);
    for (String input : inputs) {
      listing.add(input);
    }
    return new Listing(List.copyOf(listing.entries), List.copyOf(listing.failures));
  }

  private void add(String input) throws JobInputException {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (isGlob(input)) {
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
          failures.add(FileOutcome.failed(input, input + ": no file matches", "driver"));
          return;
        }
        for (FileStatus match : matches) {
          addFound(fs, match);
        }
        return;
      }
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        entries.add(new ArchiveEntry(input, null, path.getName(), List.of()));
        return;
      }
      String extension = extension(path.getName());
      if (status.isFile() && extension.equals("csv")) {
        addRows(path, csvRows(fs, path));
      } else if (extension.equals("parquet")) {
        addRows(path, parquetRows(input));
      } else if (status.isFile()) {
        entries.add(new ArchiveEntry(input, transcriptBeside(fs, path), path.getName(), List.of()));
      } else {
        addFound(fs, status);
      }
    } catch (IOException | RuntimeException e) {
      // A RuntimeException here is Hadoop's "client class not found" (e.g. s3a without hadoop-aws).
      failures.add(
          FileOutcome.failed(
              input, input + ": cannot reach (" + FileAnalysis.oneLine(e) + ")", "driver"));
    }
  }

  private void addFound(FileSystem fs, FileStatus found) throws IOException {
    if (found.isFile()) {
      if (MEDIA_EXTENSIONS.contains(extension(found.getPath().getName()))) {
        addMedia(fs, found.getPath());
      }
      return;
    }
    List<Path> media = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(found.getPath(), true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (MEDIA_EXTENSIONS.contains(extension(file.getName()))) {
        media.add(file);
      }
    }
    media.sort(null);
    for (Path file : media) {
      addMedia(fs, file);
    }
  }

  private void addMedia(FileSystem fs, Path file) throws IOException {
    entries.add(
        new ArchiveEntry(file.toString(), transcriptBeside(fs, file), file.getName(), List.of()));
  }

  private static String transcriptBeside(FileSystem fs, Path media) throws IOException {
    String name = media.getName();
    int dot = name.lastIndexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    for (String extension : TRANSCRIPT_EXTENSIONS) {
      Path candidate = new Path(media.getParent(), base + "." + extension);
      if (fs.exists(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private List<Map<String, String>> parquetRows(String input) throws JobInputException {
    try {
      return parquet.read(input);
    } catch (IOException | RuntimeException e) {
      throw new JobInputException(
          input + ": unreadable manifest (" + FileAnalysis.oneLine(e) + ")", e);
    }
  }

  private static List<Map<String, String>> csvRows(FileSystem fs, Path manifest)
      throws JobInputException, IOException {
    CsvMapper csv = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Map<String, String>> rows;
    try (InputStream in = fs.open(manifest);
        MappingIterator<Map<String, String>> iterator =
            csv.readerFor(Map.class).with(schema).readValues(in)) {
      rows = iterator.readAll();
    } catch (RuntimeException e) {
      throw new JobInputException(
          manifest + ": unreadable manifest (" + FileAnalysis.oneLine(e) + ")", e);
    }
    return rows;
  }

  private void addRows(Path manifest, List<Map<String, String>> rows) throws JobInputException {
    if (!rows.isEmpty() && !rows.get(0).containsKey("path")) {
      throw new JobInputException(
          manifest
              + ": the manifest has no 'path' column; its header must be"
              + " path,transcript,title,tags");
    }
    int line = 1;
    for (Map<String, String> row : rows) {
      line++;
      String media = blankToNull(row.get("path"));
      if (media == null) {
        failures.add(
            FileOutcome.failed(
                manifest + ":" + line, manifest + ":" + line + ": the row has no path", "driver"));
        continue;
      }
      Path mediaPath = resolve(manifest, media);
      String transcript = blankToNull(row.get("transcript"));
      String title = blankToNull(row.get("title"));
      String tags = blankToNull(row.get("tags"));
      entries.add(
          new ArchiveEntry(
              mediaPath.toString(),
              transcript == null ? null : resolve(manifest, transcript).toString(),
              title == null ? mediaPath.getName() : title,
              tags == null
                  ? List.of()
                  : Arrays.stream(tags.split(TAG_SEPARATOR))
                      .map(String::strip)
                      .filter(tag -> !tag.isEmpty())
                      .toList()));
    }
  }

  /** A relative path in a manifest is relative to the manifest's folder. */
  private static Path resolve(Path manifest, String path) {
    Path given = new Path(path);
    return given.isAbsoluteAndSchemeAuthorityNull() || given.toUri().getScheme() != null
        ? given
        : new Path(manifest.getParent(), path);
  }

  private static boolean isGlob(String input) {
    return input.indexOf('*') >= 0
        || input.indexOf('?') >= 0
        || input.indexOf('[') >= 0
        || input.indexOf('{') >= 0;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
