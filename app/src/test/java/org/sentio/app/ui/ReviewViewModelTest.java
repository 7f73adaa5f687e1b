package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.app.ui.review.FaceFinder;
import org.sentio.app.ui.review.ReviewViewModel;
import org.sentio.reports.Format;

/** The review view model on the calling thread: no toolkit, no media. */
class ReviewViewModelTest {
  @TempDir Path data;
  private SessionStore store;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    store = SessionStore.open(data);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private ReviewViewModel model() {
    return new ReviewViewModel(
        store,
        TaskExecutor.sameThread(),
        (t, m, e) -> errors.add(m),
        I18n.forLanguage("en"),
        FaceFinder.NONE,
        () -> "ana");
  }

  @Test
  void seekingMovesTheCurrentWindowAndTranscriptLine() throws Exception {
    long id = store.sessions().save(SampleSessions.sample("call", 8));
    ReviewViewModel model = model();
    model.open(id);
    assertThat(model.windows()).hasSize(8);
    assertThat(model.currentWindowProperty().get().index()).isZero();

    model.seek(2.0);
    assertThat(model.currentWindowProperty().get().index()).isEqualTo(3);
    assertThat(model.currentUtteranceProperty().get()).isEqualTo(-1);
    model.seek(1.0);
    assertThat(model.currentUtteranceProperty().get()).isZero();
    model.seek(99);
    assertThat(model.positionProperty().get()).isEqualTo(model.durationProperty().get());
  }

  @Test
  void openingASessionGivesEachTrackedFaceItsReadingsForATimelineLane() throws Exception {
    long id = store.sessions().save(SampleSessions.sample("two people", 8));
    ReviewViewModel model = model();
    model.open(id);

    assertThat(model.faceTracks()).extracting(t -> t.trackId()).containsOnly(1, 2);
    assertThat(model.faceTracks().stream().filter(t -> t.trackId() == 1)).hasSize(8);
    assertThat(model.faceTracks().stream().filter(t -> t.trackId() == 2)).hasSize(4);
  }

  @Test
  void exportsTheReviewedSessionAsReportsAndDataFiles() throws Exception {
    long id = store.sessions().save(SampleSessions.sample("call", 8));
    ReviewViewModel model = model();
    model.open(id);
    Path out = data.resolve("exports");

    model.export(EnumSet.of(Format.PDF, Format.CSV, Format.EAF), out);

    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "call-" + id + ".pdf", "call-" + id + ".csv", "call-" + id + ".eaf");
    }
    assertThat(Files.readString(out.resolve("call-" + id + ".csv")).lines()).hasSize(9);
    assertThat(model.exportStatusProperty().get()).isEqualTo("Wrote 3 file(s) to " + out);
    assertThat(errors).isEmpty();
  }

  @Test
  void anExportIntoAFileShowsTheErrorAndSaysSo() throws Exception {
    long id = store.sessions().save(SampleSessions.sample("call", 3));
    ReviewViewModel model = model();
    model.open(id);
    Path blocker = Files.writeString(data.resolve("not-a-folder"), "x");

    model.export(EnumSet.of(Format.JSON), blocker);

    assertThat(errors).hasSize(1);
    assertThat(model.exportStatusProperty().get()).startsWith("Could not write to");
  }

  @Test
  void annotatingASelectedSpanStoresTheLabelWithItsAuthor() throws Exception {
    long id = store.sessions().save(SampleSessions.sample("call", 8));
    ReviewViewModel model = model();
    model.open(id);

    model.select(3.0, 1.5);
    model.labelProperty().set(Emotion.ANGRY);
    model.annotate();

    assertThat(model.annotations()).hasSize(1);
    var stored = store.annotations().list(id).get(0);
    assertThat(stored.startSeconds()).isEqualTo(1.5);
    assertThat(stored.endSeconds()).isEqualTo(3.0);
    assertThat(stored.label()).isEqualTo("angry");
    assertThat(stored.author()).isEqualTo("ana");
  }

  @Test
  void withoutASelectionTheWindowUnderThePlayheadIsLabelled() throws Exception {
    long id = store.sessions().save(SampleSessions.sample("call", 8));
    ReviewViewModel model = model();
    model.open(id);
    model.seek(2.0);
    model.select(2.0, 2.02);

    model.annotate();

    assertThat(store.annotations().list(id).get(0).startSeconds()).isEqualTo(1.5);
  }

  @Test
  void aMissingSessionIsReported() {
    model().open(42);
    assertThat(errors).singleElement().asString().contains("42");
  }
}
