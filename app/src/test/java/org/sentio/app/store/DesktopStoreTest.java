package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Modality;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.SessionResult;

/** The store methods the desktop added: library rows, rename, tags, annotations, live sessions. */
class DesktopStoreTest {
  @TempDir Path data;

  @Test
  void annotationsSurviveReopeningTheStoreInTimeOrder() throws Exception {
    long id;
    try (SessionStore store = SessionStore.open(data)) {
      id = store.sessions().save(SampleSessions.sample("call", 6));
      store.annotations().add(id, 2.0, 3.5, "angry", "ana", null);
      store.annotations().add(id, 0.5, 1.0, "happy", "bo", "laughs");
    }
    try (SessionStore store = SessionStore.open(data)) {
      List<Annotation> notes = store.annotations().list(id);
      assertThat(notes).extracting(Annotation::label).containsExactly("happy", "angry");
      assertThat(notes.get(0).author()).isEqualTo("bo");
      assertThat(notes.get(0).note()).isEqualTo("laughs");
      assertThat(store.annotations().delete(notes.get(0).id())).isTrue();
      assertThat(store.annotations().list(id)).hasSize(1);
    }
  }

  @Test
  void anAnnotationNeedsASpanThatEndsAfterItStarts() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.sessions().save(SampleSessions.sample("call", 2));
      assertThatThrownBy(() -> store.annotations().add(id, 2, 2, "sad", "ana", null))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void renameAndTagsShowInTheLibrary() throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.sessions().save(SampleSessions.sample("call", 3));
      store.sessions().rename(id, "  Refund call ");
      store.tags().set(id, List.of("refund", " vip", "", "refund"));

      LibraryEntry entry = store.sessions().libraryEntries().get(0);
      assertThat(entry.summary().title()).isEqualTo("Refund call");
      assertThat(entry.tags()).containsExactly("refund", "vip");
      assertThat(entry.mode()).isEqualTo("customer-service");
      assertThat(entry.source()).isEqualTo("file");
      assertThat(entry.modalities())
          .containsExactlyInAnyOrder(Modality.FACE, Modality.VOICE, Modality.TEXT);
    }
  }

  @Test
  void aLiveSessionGrowsWindowByWindowAndIsMarkedRecordingUntilFinished() throws Exception {
    SessionResult sample = SampleSessions.sample("x", 6);
    MediaSummary media =
        new MediaSummary("/rec/live.mkv", "matroska,webm", 0, "mpeg4", 640, 480, 25, null, 0);
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.liveSessions().begin("Live", AnalysisOptions.DEFAULT, media);
      assertThat(store.sessions().libraryEntries().get(0).recording()).isTrue();

      store
          .liveSessions()
          .appendWindows(id, sample.windows().subList(0, 2), 1.5, "confidence-weighted");
      store
          .liveSessions()
          .appendWindows(id, sample.windows().subList(2, 4), 2.5, "confidence-weighted");

      assertThat(store.sessions().load(id).orElseThrow().result().windows()).hasSize(4);
      assertThat(store.sessions().load(id).orElseThrow().result().durationSeconds()).isEqualTo(2.5);
      ExpertTelemetry load = new ExpertTelemetry(4, 2, 1.25, 1, 4, new long[] {3, 3, 2, 0}, 0, 0);
      store.liveSessions().finish(id, 2.6, sample.models(), "moe", load);
      LibraryEntry entry = store.sessions().libraryEntries().get(0);
      assertThat(entry.recording()).isFalse();
      assertThat(entry.source()).isEqualTo("live");
      assertThat(store.sessions().load(id).orElseThrow().result().media().durationSeconds())
          .isEqualTo(2.6);
      assertThat(store.sessions().load(id).orElseThrow().result().expertLoad()).isEqualTo(load);
    }
  }
}
