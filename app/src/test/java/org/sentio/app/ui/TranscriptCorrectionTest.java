package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.TranscriptCorrection;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SpeechSessions;
import org.sentio.app.ui.review.FaceFinder;
import org.sentio.app.ui.review.ReviewViewModel;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * Correcting a recognised utterance in Review (view model on the calling thread, the real text and
 * fusion models): only the windows it covers are re-read, the store keeps the correction and the
 * recognised text, and a blank correction is refused with a message.
 */
class TranscriptCorrectionTest {
  private static Analyzers analyzers;

  @TempDir Path data;
  private SessionStore store;
  private final List<String> errors = new ArrayList<>();

  @BeforeAll
  static void loadModels() throws Exception {
    Path root = Path.of(System.getProperty("sentio.root.dir", "..")).toAbsolutePath();
    ModelRegistry registry = new ModelRegistry(root.resolve("resources/models"), "restore them");
    analyzers = Analyzers.load(registry, OnnxHost.start(DevicePreference.CPU, 1));
  }

  @AfterAll
  static void closeModels() throws Exception {
    analyzers.close();
  }

  @BeforeEach
  void open() throws Exception {
    store = SessionStore.open(data);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private ReviewViewModel model() {
    ReviewViewModel model =
        new ReviewViewModel(
            store,
            TaskExecutor.sameThread(),
            (t, m, e) -> errors.add(m),
            I18n.forLanguage("en"),
            FaceFinder.NONE,
            () -> "ana");
    model.setCorrector(
        (session, index, text) ->
            TranscriptCorrection.correct(
                session, index, text, analyzers.text(), analyzers.fusion()));
    return model;
  }

  @Test
  void aCorrectionRereadsOnlyTheWindowsItCoversAndIsStoredWithTheRecognisedText() throws Exception {
    SessionResult original = SpeechSessions.recognised("call", 12);
    long id = store.sessions().save(original);
    ReviewViewModel model = model();
    model.open(id);
    Utterance heard = original.transcript().get(0);

    model.correctUtterance(0, "This is ridiculous, I am furious and I want a refund now");

    assertThat(errors).isEmpty();
    Utterance corrected = model.transcript().get(0);
    assertThat(corrected.text())
        .isEqualTo("This is ridiculous, I am furious and I want a refund now");
    assertThat(corrected.originalText()).isEqualTo(heard.text());
    assertThat(corrected.words()).isEqualTo(heard.words());
    assertThat(corrected.affect().valence()).isLessThan(heard.affect().valence());
    SessionResult stored = store.sessions().load(id).orElseThrow().result();
    assertThat(stored.transcript().get(0).text()).isEqualTo(corrected.text());
    assertThat(stored.transcript().get(0).originalText()).isEqualTo(heard.text());
    int changed = 0;
    for (int k = 0; k < original.windows().size(); k++) {
      AffectWindow before = original.windows().get(k);
      AffectWindow after = stored.windows().get(k);
      boolean covered =
          Math.min(before.endSeconds(), heard.endSeconds())
              > Math.max(before.startSeconds(), heard.startSeconds());
      assertThat(after.estimate(Modality.FACE)).isEqualTo(before.estimate(Modality.FACE));
      assertThat(after.estimate(Modality.VOICE)).isEqualTo(before.estimate(Modality.VOICE));
      if (covered) {
        changed++;
        assertThat(after.estimate(Modality.TEXT).valence())
            .as("window %d", k)
            .isLessThan(before.estimate(Modality.TEXT).valence());
        assertThat(after.fused()).isNotEqualTo(before.fused());
        assertThat(model.windows().get(k)).isEqualTo(after);
      } else {
        assertThat(after)
            .as("window %d", k)
            .usingRecursiveComparison()
            .withComparatorForType(Double::compare, Double.class)
            .isEqualTo(before);
      }
    }
    assertThat(changed).isPositive().isLessThan(original.windows().size());
  }

  @Test
  void aBlankCorrectionIsRefusedAndNothingChanges() throws Exception {
    SessionResult original = SpeechSessions.recognised("call", 12);
    long id = store.sessions().save(original);
    ReviewViewModel model = model();
    model.open(id);

    model.correctUtterance(0, "   ");

    assertThat(errors).singleElement().asString().contains("corrected text is empty");
    assertThat(store.sessions().load(id).orElseThrow().result().transcript().get(0).originalText())
        .isNull();
  }
}
