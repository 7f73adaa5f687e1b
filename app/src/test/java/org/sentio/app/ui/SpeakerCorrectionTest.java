package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.TranscriptCorrection;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.app.Sentio;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StereoCalls;
import org.sentio.app.ui.review.FaceFinder;
import org.sentio.app.ui.review.ReviewViewModel;
import org.sentio.reports.SessionDigest;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * Correcting the customer's recognised words in Review (view model on the calling thread, a real
 * store, the real text and fusion models) on a real two-party stereo call analysed by the whole
 * pipeline: the customer's own text and fused readings of the windows the utterance covers are read
 * again and stored, the agent's and every other window's stay as they were, and the stored session
 * (which reports, exports and {@code sessions show} read) agrees with what Review shows.
 */
class SpeakerCorrectionTest {
  private static final String ANGRY = "This is ridiculous, I am furious and I want a refund now";
  private static Analyzers analyzers;

  @TempDir static Path work;
  private static long id;

  @BeforeAll
  static void analyseTheCall() throws Exception {
    Path call = StereoCalls.write(work.resolve("call.wav"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Sentio.run(
            new String[] {
              "analyze",
              "--quiet",
              "--out",
              work.resolve("out").toString(),
              "--data-dir",
              work.resolve("data").toString(),
              call.toString()
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    try (SessionStore store = SessionStore.open(work.resolve("data"))) {
      id = store.sessions().list().get(0).id();
    }
    Path root = Path.of(System.getProperty("sentio.root.dir", "..")).toAbsolutePath();
    ModelRegistry registry = new ModelRegistry(root.resolve("resources/models"), "restore them");
    analyzers = Analyzers.load(registry, OnnxHost.start(DevicePreference.CPU, 1));
  }

  @AfterAll
  static void closeModels() throws Exception {
    analyzers.close();
  }

  @Test
  void correctingTheCustomersWordsRereadsOnlyTheCustomersReadingsOfThoseWindows() throws Exception {
    List<String> errors = new ArrayList<>();
    try (SessionStore store = SessionStore.open(work.resolve("data"))) {
      SessionResult before = store.sessions().load(id).orElseThrow().result();
      int index = customerUtterance(before);
      Utterance heard = before.transcript().get(index);
      ReviewViewModel model =
          new ReviewViewModel(
              store,
              TaskExecutor.sameThread(),
              (t, m, e) -> errors.add(m),
              I18n.forLanguage("en"),
              FaceFinder.NONE,
              () -> "ana");
      model.setCorrector(
          (session, i, text) ->
              TranscriptCorrection.correct(session, i, text, analyzers.text(), analyzers.fusion()));
      model.open(id);

      model.correctUtterance(index, ANGRY);

      assertThat(errors).isEmpty();
      SessionResult after = store.sessions().load(id).orElseThrow().result();
      List<SpeakerReading> shown = model.sessionProperty().get().result().speakerReadings();
      assertThat(shown).hasSameSizeAs(after.speakerReadings());
      for (int i = 0; i < shown.size(); i++) {
        // The store keeps a per-speaker fusion's distribution, valence, arousal, confidence and
        // voice/text weights, not the experts it was routed to.
        SpeakerReading stored = after.speakerReadings().get(i);
        assertThat(stored.text()).isEqualTo(shown.get(i).text());
        assertThat(stored.fused().emotions()).isEqualTo(shown.get(i).fused().emotions());
        assertThat(stored.fused().confidence()).isEqualTo(shown.get(i).fused().confidence());
      }
      int changed = 0;
      for (int i = 0; i < before.speakerReadings().size(); i++) {
        SpeakerReading was = before.speakerReadings().get(i);
        SpeakerReading now = after.speakerReadings().get(i);
        boolean covered = was.speaker().equals("S2") && overlaps(before, was, heard);
        assertThat(now.voice()).isEqualTo(was.voice());
        if (covered) {
          changed++;
          assertThat(now.text().valence())
              .as("S2 text in window %d", was.windowIndex())
              .isLessThan(was.text().valence());
          assertThat(now.fused()).isNotEqualTo(was.fused());
        } else {
          assertThat(now).as("%s in window %d", was.speaker(), was.windowIndex()).isEqualTo(was);
        }
      }
      assertThat(changed).isPositive();
      assertThat(SessionDigest.speakers(after).get(1).dominant())
          .isEqualTo(
              SessionDigest.speakers(model.sessionProperty().get().result()).get(1).dominant());
    }
  }

  private static int customerUtterance(SessionResult session) {
    for (int i = 0; i < session.transcript().size(); i++) {
      if ("S2".equals(session.transcript().get(i).speaker())) {
        return i;
      }
    }
    throw new AssertionError("the customer said nothing: " + session.transcript());
  }

  private static boolean overlaps(SessionResult session, SpeakerReading reading, Utterance u) {
    var w = session.windows().get(reading.windowIndex());
    return Math.min(w.endSeconds(), u.endSeconds()) > Math.max(w.startSeconds(), u.startSeconds());
  }
}
