package org.sentio.app.ui.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.app.ui.Analyser;
import org.sentio.app.ui.ErrorReporter;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;

/**
 * The library: stored sessions with search and a mode filter, batch import with per-file progress
 * and cancel, rename, tag and delete. Holds properties only; the view binds to them.
 */
public final class LibraryViewModel {
  private static final Set<String> TRANSCRIPTS = Set.of("srt", "vtt", "txt");

  private java.util.function.Supplier<String> speechLanguage =
      () -> AnalysisRequest.DEFAULT_LANGUAGE;
  private java.util.function.Supplier<String> speechNoticeSource = () -> "";
  private final StringProperty speechNotice = new SimpleStringProperty("");

  private final SessionStore store;
  private final Analyser analyser;
  private final TaskExecutor executor;
  private final ErrorReporter errors;
  private final I18n i18n;
  private final java.util.function.Supplier<AnalysisOptions> options;

  private final ObservableList<LibraryEntry> entries = FXCollections.observableArrayList();
  private final FilteredList<LibraryEntry> visible = new FilteredList<>(entries, e -> true);
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<String> modeFilter = new SimpleObjectProperty<>("all");
  private final ObservableList<ImportJob> jobs = FXCollections.observableArrayList();
  private final BooleanProperty importing = new SimpleBooleanProperty(false);
  private LongConsumer onImported = id -> {};
  private AuditRepository audit;

  public LibraryViewModel(
      SessionStore store,
      Analyser analyser,
      TaskExecutor executor,
      ErrorReporter errors,
      I18n i18n,
      java.util.function.Supplier<AnalysisOptions> options) {
    this.store = store;
    this.analyser = analyser;
    this.executor = executor;
    this.errors = errors;
    this.i18n = i18n;
    this.options = options;
    search.addListener((o, a, b) -> applyFilter());
    modeFilter.addListener((o, a, b) -> applyFilter());
  }

  public ObservableList<LibraryEntry> entries() {
    return entries;
  }

  /** The entries that match the search text and the mode filter. */
  public FilteredList<LibraryEntry> visibleEntries() {
    return visible;
  }

  public StringProperty searchProperty() {
    return search;
  }

  /** "all", "customer-service" or "clinical". */
  public ObjectProperty<String> modeFilterProperty() {
    return modeFilter;
  }

  public ObservableList<ImportJob> jobs() {
    return jobs;
  }

  public BooleanProperty importingProperty() {
    return importing;
  }

  /** Called on the UI thread with the id of each session an import stored. */
  public void setOnImported(LongConsumer onImported) {
    this.onImported = onImported;
  }

  /** Reads the library from the store again. */
  public void refresh() {
    executor.background(
        () -> {
          try {
            List<LibraryEntry> rows = store.sessions().libraryEntries();
            String notice = speechNoticeSource.get();
            executor.ui(
                () -> {
                  entries.setAll(rows);
                  speechNotice.set(notice);
                });
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("error.store.title"), e.getMessage(), e));
          }
        });
  }

  private void applyFilter() {
    String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
    String mode = modeFilter.get();
    visible.setPredicate(
        e -> {
          if (mode != null && !"all".equals(mode) && !mode.equals(e.mode())) {
            return false;
          }
          if (text.isEmpty()) {
            return true;
          }
          StringBuilder hay = new StringBuilder(e.summary().title());
          hay.append(' ').append(String.join(" ", e.tags()));
          if (e.summary().mediaPath() != null) {
            hay.append(' ').append(e.summary().mediaPath());
          }
          return hay.toString().toLowerCase(Locale.ROOT).contains(text);
        });
  }

  /**
   * Imports files as one batch: each media file becomes a session (a transcript with the same base
   * name goes with it); a transcript on its own becomes a text-only session. Files run one after
   * another in the background.
   */
  public List<ImportJob> importFiles(List<Path> files) {
    Map<ImportJob, AnalysisRequest> batch = new LinkedHashMap<>();
    AnalysisOptions opts = options.get();
    List<Path> media = new ArrayList<>();
    List<Path> transcripts = new ArrayList<>();
    for (Path f : files) {
      (TRANSCRIPTS.contains(extension(f)) ? transcripts : media).add(f);
    }
    List<Path> usedTranscripts = new ArrayList<>();
    for (Path m : media) {
      Path transcript = null;
      for (Path t : transcripts) {
        if (baseName(t).equals(baseName(m))) {
          transcript = t;
        }
      }
      if (transcript == null) {
        Path sibling = siblingTranscript(m);
        transcript = sibling;
      } else {
        usedTranscripts.add(transcript);
      }
      String title = m.getFileName().toString();
      batch.put(
          new ImportJob(title),
          new AnalysisRequest(m, transcript, null, title, opts, true, speechLanguage.get()));
    }
    for (Path t : transcripts) {
      if (!usedTranscripts.contains(t)) {
        String title = t.getFileName().toString();
        batch.put(new ImportJob(title), new AnalysisRequest(null, t, null, title, opts));
      }
    }
    List<ImportJob> created = new ArrayList<>(batch.keySet());
    jobs.addAll(created);
    importing.set(true);
    executor.background(() -> runBatch(batch));
    return created;
  }

  /** Cancels every job of the batches still queued or running. */
  public void cancelAll() {
    for (ImportJob job : jobs) {
      job.cancel();
    }
  }

  /** Removes finished jobs from the list. */
  public void clearFinished() {
    jobs.removeIf(ImportJob::isFinished);
  }

  private void runBatch(Map<ImportJob, AnalysisRequest> batch) {
    for (Map.Entry<ImportJob, AnalysisRequest> item : batch.entrySet()) {
      runOne(item.getKey(), item.getValue());
    }
    executor.ui(() -> importing.set(jobs.stream().anyMatch(j -> !j.isFinished())));
  }

  private void runOne(ImportJob job, AnalysisRequest request) {
    if (job.isCancelled()) {
      executor.ui(() -> finish(job, ImportJob.State.CANCELLED, i18n.get("import.cancelled")));
      return;
    }
    executor.ui(
        () -> {
          job.stateProperty().set(ImportJob.State.RUNNING);
          job.progressProperty().set(-1);
          job.statusProperty().set(i18n.get("import.starting"));
        });
    long[] lastUpdate = {0};
    try {
      SessionResult result =
          analyser.analyse(
              request,
              (done, total, stage) -> {
                long now = System.nanoTime();
                if (now - lastUpdate[0] < 50_000_000L) {
                  return; // at most 20 UI updates a second
                }
                lastUpdate[0] = now;
                double fraction = total > 0 ? Math.min(1, done / total) : -1;
                executor.ui(
                    () -> {
                      job.progressProperty().set(fraction);
                      job.statusProperty().set(stageText(stage, done, total));
                    });
              },
              job::isCancelled);
      long id = store.sessions().save(result);
      job.setSessionId(id);
      List<LibraryEntry> rows = store.sessions().libraryEntries();
      executor.ui(
          () -> {
            entries.setAll(rows);
            job.progressProperty().set(1);
            finish(job, ImportJob.State.DONE, i18n.get("import.done", result.windows().size()));
            onImported.accept(id);
          });
    } catch (AnalysisException e) {
      if (job.isCancelled()) {
        executor.ui(() -> finish(job, ImportJob.State.CANCELLED, i18n.get("import.cancelled")));
        return;
      }
      if (!e.isBadInput()) {
        try {
          store.sessions().saveFailed(request.title(), request.options(), e.getMessage());
          List<LibraryEntry> rows = store.sessions().libraryEntries();
          executor.ui(() -> entries.setAll(rows));
        } catch (StoreException ignored) {
          // the error below is what the user needs to see
        }
      }
      executor.ui(
          () -> {
            finish(job, ImportJob.State.FAILED, e.getMessage());
            errors.show(
                i18n.get("error.import.title"),
                i18n.get("error.import.message", job.name(), e.getMessage()),
                e);
          });
    } catch (StoreException e) {
      executor.ui(
          () -> {
            finish(job, ImportJob.State.FAILED, e.getMessage());
            errors.show(i18n.get("error.store.title"), e.getMessage(), e);
          });
    } catch (RuntimeException e) {
      executor.ui(
          () -> {
            finish(job, ImportJob.State.FAILED, String.valueOf(e.getMessage()));
            errors.show(
                i18n.get("error.import.title"),
                i18n.get("error.import.message", job.name(), i18n.get("error.internal")),
                e);
          });
    }
  }

  private void finish(ImportJob job, ImportJob.State state, String status) {
    job.stateProperty().set(state);
    job.statusProperty().set(status);
    if (state != ImportJob.State.DONE) {
      job.progressProperty().set(0);
    }
  }

  private String stageText(String stage, double done, double total) {
    String key =
        switch (stage) {
          case "analysing media" -> "import.stage.media";
          case "reading text" -> "import.stage.text";
          case "fusing" -> "import.stage.fusing";
          default -> null;
        };
    String words = key == null ? stage : i18n.get(key);
    return total > 0
        ? i18n.get(
            "import.progress",
            words,
            String.format(Locale.ROOT, "%.1f", done),
            String.format(Locale.ROOT, "%.1f", total))
        : words;
  }

  /** Renames a session in the store and in the list. */
  public void rename(long id, String title) {
    if (title == null || title.isBlank()) {
      return;
    }
    executor.background(
        () -> {
          try {
            store.sessions().rename(id, title);
            List<LibraryEntry> rows = store.sessions().libraryEntries();
            executor.ui(() -> entries.setAll(rows));
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("error.store.title"), e.getMessage(), e));
          }
        });
  }

  /** Sets a session's tags from comma-separated text. */
  public void setTags(long id, String commaSeparated) {
    List<String> tags = Arrays.stream(commaSeparated.split("[,，]")).map(String::strip).toList();
    executor.background(
        () -> {
          try {
            store.tags().set(id, tags);
            List<LibraryEntry> rows = store.sessions().libraryEntries();
            executor.ui(() -> entries.setAll(rows));
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("error.store.title"), e.getMessage(), e));
          }
        });
  }

  /** Where deletions are written with the local user's name (the desktop app sets it). */
  public void setAudit(AuditRepository audit) {
    this.audit = audit;
  }

  /** Deletes a session (the view asks for confirmation first) and writes it to the audit log. */
  public void delete(long id) {
    AuditRepository log = audit;
    executor.background(
        () -> {
          try {
            String title = store.sessions().summary(id).map(s -> s.title()).orElse("");
            store.sessions().delete(id);
            if (log != null) {
              log.append(
                  AuditRepository.Action.DELETE, "session " + id, "desktop: \"" + title + "\"");
            }
            List<LibraryEntry> rows = store.sessions().libraryEntries();
            executor.ui(() -> entries.setAll(rows));
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("error.store.title"), e.getMessage(), e));
          }
        });
  }

  // ---- row texts ----

  public String dateText(LibraryEntry e) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
        .withLocale(i18n.locale())
        .withZone(ZoneId.systemDefault())
        .format(e.summary().createdAt());
  }

  public String durationText(LibraryEntry e) {
    long s = Math.round(e.summary().durationSeconds());
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  public String modeText(LibraryEntry e) {
    return i18n.get("mode." + e.mode());
  }

  public String statusText(LibraryEntry e) {
    if (e.recording()) {
      return i18n.get("status.recording");
    }
    return i18n.get("status." + e.summary().status());
  }

  public String modalitiesText(LibraryEntry e) {
    List<String> names = new ArrayList<>();
    for (Modality m : Modality.values()) {
      if (e.modalities().contains(m)) {
        names.add(i18n.get("modality." + m.label()));
      }
    }
    return names.isEmpty() ? "—" : String.join(" · ", names);
  }

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** A transcript beside a media file with the same base name (call.mp4 → call.srt), if any. */
  static Path siblingTranscript(Path media) {
    Path dir = media.toAbsolutePath().getParent();
    if (dir == null) {
      return null;
    }
    for (String ext : List.of("srt", "vtt")) {
      Path candidate = dir.resolve(baseName(media) + "." + ext);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The language spoken in imported recordings, which picks the speech model (default en). */
  public void setSpeechLanguage(java.util.function.Supplier<String> language) {
    this.speechLanguage = language;
  }

  /**
   * Where the notice about the speech language comes from (empty when its speech model is
   * installed); read again, off the UI thread, on every {@link #refresh()}.
   */
  public void setSpeechNotice(java.util.function.Supplier<String> notice) {
    this.speechNoticeSource = notice;
  }

  /** Why imported recordings will be analysed without their words; empty when they will not. */
  public StringProperty speechNoticeProperty() {
    return speechNotice;
  }
}
