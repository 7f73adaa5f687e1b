package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.app.ui.library.ImportJob;
import org.sentio.app.ui.library.LibraryViewModel;

/** The library's view model on the calling thread, with a stand-in analyser: no toolkit. */
class LibraryViewModelTest {
  @TempDir Path data;
  private SessionStore store;
  private final List<String> errors = new ArrayList<>();
  private final List<AnalysisRequest> requests = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    store = SessionStore.open(data);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private LibraryViewModel model(Analyser analyser) {
    return new LibraryViewModel(
        store,
        analyser,
        TaskExecutor.sameThread(),
        (title, message, e) -> errors.add(message),
        I18n.forLanguage("en"),
        () -> AnalysisOptions.DEFAULT);
  }

  private Analyser good() {
    return (request, progress, cancelled) -> {
      requests.add(request);
      progress.onProgress(1, 2, "analysing media");
      return SampleSessions.sample(request.title(), 5);
    };
  }

  @Test
  void importingAFileStoresASessionAndReportsItsId() throws Exception {
    List<Long> imported = new ArrayList<>();
    LibraryViewModel model = model(good());
    model.setOnImported(imported::add);
    Path media = Files.writeString(data.resolve("call.mp4"), "x");
    Path transcript = Files.writeString(data.resolve("call.srt"), "x");

    List<ImportJob> jobs = model.importFiles(List.of(media));

    assertThat(jobs).singleElement().extracting(ImportJob::state).isEqualTo(ImportJob.State.DONE);
    assertThat(model.entries()).hasSize(1);
    assertThat(imported).containsExactly(model.entries().get(0).id());
    assertThat(requests.get(0).transcriptFile()).isEqualTo(transcript);
    assertThat(errors).isEmpty();
  }

  @Test
  void aFileThatIsNotMediaShowsAnErrorAndLeavesTheLibraryUnchanged() throws Exception {
    store.sessions().save(SampleSessions.sample("kept", 3));
    LibraryViewModel model =
        model(
            (request, progress, cancelled) -> {
              throw AnalysisException.badInput(request.media() + ": not a media file", null);
            });
    model.refresh();

    List<ImportJob> jobs = model.importFiles(List.of(data.resolve("notes.mp4")));

    assertThat(jobs.get(0).state()).isEqualTo(ImportJob.State.FAILED);
    assertThat(errors).singleElement().asString().contains("notes.mp4");
    assertThat(model.entries()).extracting(e -> e.summary().title()).containsExactly("kept");
  }

  @Test
  void aCancelledJobStoresNothing() throws Exception {
    LibraryViewModel model =
        model(
            (request, progress, cancelled) -> {
              throw AnalysisException.internal("analysis cancelled", null);
            });
    ImportJob[] job = new ImportJob[1];
    model
        .jobs()
        .addListener(
            (javafx.collections.ListChangeListener<ImportJob>)
                c -> {
                  while (c.next()) {
                    c.getAddedSubList().forEach(ImportJob::cancel);
                  }
                });
    job[0] = model.importFiles(List.of(data.resolve("a.mp4"))).get(0);

    assertThat(job[0].state()).isEqualTo(ImportJob.State.CANCELLED);
    assertThat(store.sessions().list()).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void searchFiltersByTitleAndTag() throws Exception {
    long a = store.sessions().save(SampleSessions.sample("Refund call", 2));
    store.sessions().save(SampleSessions.sample("Billing", 2));
    store.tags().set(a, List.of("vip"));
    LibraryViewModel model = model(good());
    model.refresh();

    model.searchProperty().set("VIP");
    assertThat(model.visibleEntries())
        .extracting(e -> e.summary().title())
        .containsExactly("Refund call");
    model.searchProperty().set("bill");
    assertThat(model.visibleEntries())
        .extracting(e -> e.summary().title())
        .containsExactly("Billing");
    model.searchProperty().set("");
    model.modeFilterProperty().set("clinical");
    assertThat(model.visibleEntries()).isEmpty();
  }

  @Test
  void renameTagAndDeleteReachTheStore() throws Exception {
    long id = store.sessions().save(SampleSessions.sample("old", 2));
    LibraryViewModel model = model(good());

    model.rename(id, "new");
    model.setTags(id, "a, b，c");
    assertThat(model.entries().get(0).summary().title()).isEqualTo("new");
    assertThat(model.entries().get(0).tags()).containsExactly("a", "b", "c");
    model.delete(id);
    assertThat(model.entries()).isEmpty();
    assertThat(store.sessions().list()).isEmpty();
  }
}
