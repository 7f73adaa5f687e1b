package org.sentio.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.store.SessionStore;
import org.sentio.reports.SessionJsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentio import DIR}: brings sessions analysed by the Spark archive job into the store. It
 * reads the job's session JSONs ({@code DIR/results/KK/KEY.json}), not its Parquet tables, so that
 * the app needs no Hadoop (decision 17). Each imported session is tagged {@code archive-KEY12}; a
 * session with that tag already in the store is not imported twice. A document without the job's
 * content key (one written by {@code sentio analyze --format json}) is keyed by its sha256.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Bring sessions analysed on a cluster (the --out folder of the Spark archive job) into the"
          + " store for review, reports and annotation.",
      "Without --key or --title every session in the folder is imported; one already imported"
          + " is skipped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:imported", "1:internal error", "2:bad input (the message names it)"})
public final class ImportCommand implements Callable<Integer> {
  static final String TAG_PREFIX = "archive-";
  private static final int KEY_TAG_DIGITS = 12;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "DIR", description = "The --out folder of a cluster run.")
  Path folder;

  @Option(
      names = "--key",
      paramLabel = "PREFIX",
      description = "Import the session whose content key starts with PREFIX (repeatable).")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--title",
      paramLabel = "TEXT",
      description = "Import the sessions whose title contains TEXT (any case).")
  String title;

  @Override
  public Integer call() throws Exception {
    List<Path> documents = documents();
    int imported = 0;
    int already = 0;
    List<String> unreadable = new ArrayList<>();
    try (SessionStore store = common.openStore()) {
      Set<String> present = new HashSet<>();
      for (LibraryEntry entry : store.sessions().libraryEntries()) {
        entry.tags().stream().filter(tag -> tag.startsWith(TAG_PREFIX)).forEach(present::add);
      }
      for (Path document : documents) {
        JsonNode root;
        SessionResult session;
        try {
          root = JSON.readTree(document.toFile());
          session = SessionJsonReader.read(root);
        } catch (IOException | RuntimeException e) {
          unreadable.add(document + ": " + firstLine(e));
          continue;
        }
        String key = root.path("archive").path("contentKey").asText("");
        if (key.isEmpty()) {
          key = documentKey(document);
        }
        if (!chosen(key, session.title())) {
          continue;
        }
        String keyTag = TAG_PREFIX + key.substring(0, Math.min(KEY_TAG_DIGITS, key.length()));
        if (!present.add(keyTag)) {
          already++;
          continue;
        }
        long id = store.sessions().save(session);
        Set<String> tags = new LinkedHashSet<>();
        root.path("archive").path("tags").forEach(tag -> tags.add(tag.asText()));
        tags.add(keyTag);
        store.tags().set(id, tags);
        System.out.println("  " + id + "  " + session.title() + "  (" + keyTag + ")");
        imported++;
      }
    }
    System.out.println(
        "imported "
            + imported
            + " session"
            + (imported == 1 ? "" : "s")
            + (already > 0 ? ", " + already + " already in the store" : ""));
    if (!unreadable.isEmpty()) {
      unreadable.forEach(line -> System.err.println("sentio: not imported: " + line));
      throw new UserError(
          unreadable.size()
              + " file(s) in "
              + folder
              + " are not sessions of the archive job; the others were imported");
    }
    return 0;
  }

  private boolean chosen(String key, String sessionTitle) {
    boolean byKey = keys.isEmpty() || keys.stream().anyMatch(key::startsWith);
    boolean byTitle =
        title == null
            || (sessionTitle != null
                && sessionTitle.toLowerCase(Locale.ROOT).contains(title.toLowerCase(Locale.ROOT)));
    return byKey && byTitle;
  }

  /** The session JSONs under {@code DIR/results} (or under DIR when it has no results folder). */
  private List<Path> documents() throws UserError {
    if (!Files.isDirectory(folder)) {
      throw new UserError(
          folder + ": no such folder; give the --out folder of a cluster run (sentio import DIR)");
    }
    Path results =
        Files.isDirectory(folder.resolve("results")) ? folder.resolve("results") : folder;
    try (Stream<Path> files = Files.walk(results)) {
      List<Path> found =
          files
              .filter(Files::isRegularFile)
              .filter(file -> file.getFileName().toString().endsWith(".json"))
              .filter(file -> !file.getFileName().toString().startsWith("."))
              .filter(file -> !file.getFileName().toString().equals("summary.json"))
              .sorted()
              .toList();
      if (found.isEmpty()) {
        throw new UserError(
            results + ": no session JSONs here; give the --out folder of a cluster run");
      }
      return found;
    } catch (IOException e) {
      throw new UserError(folder + ": cannot list the folder (" + firstLine(e) + ")", e);
    }
  }

  /**
   * The key of a document that is not the archive job's (e.g. written by {@code sentio analyze
   * --format json}): the sha256 of its bytes, so that each such session is imported once.
   */
  private static String documentKey(Path document) throws UserError {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(document)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new UserError(document + ": cannot read the file (" + firstLine(e) + ")", e);
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
