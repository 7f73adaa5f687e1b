package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;

/**
 * Found by reading Review in Simplified Chinese: the reason a modality is missing carried the
 * pipeline's English words, "缺失：无人脸（no video stream）". The session here is stored with the
 * free-text details a stored session holds (written as text, as sessions stored before the reasons
 * had codes hold them); Review shows each known detail in the user's language, and a detail it does
 * not know (an error message) as the reason alone in Chinese, in full in English.
 */
class ReviewAbsenceReasonsTest {
  @TempDir Path data;

  private long storeSession() throws Exception {
    SessionResult r = SampleSessions.sample("absent modalities", 6);
    List<AffectWindow> windows = new ArrayList<>();
    for (AffectWindow w : r.windows()) {
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      estimates.put(
          Modality.FACE,
          AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, "no video stream"));
      estimates.put(
          Modality.VOICE,
          AffectEstimate.absent(
              Modality.VOICE, AbsenceReason.NO_SPEECH, "speech in 12% of the window, below 30%"));
      estimates.put(
          Modality.TEXT,
          AffectEstimate.absent(
              Modality.TEXT,
              AbsenceReason.UNREADABLE,
              "Error code - ORT_RUNTIME_EXCEPTION - node 7 failed"));
      windows.add(
          new AffectWindow(w.index(), w.startSeconds(), w.endSeconds(), estimates, w.fused()));
    }
    try (SessionStore store = SessionStore.open(data)) {
      return store.sessions().save(r.toBuilder().windows(windows).build());
    }
  }

  private static Map<Modality, String> inspectorReasons(DesktopHarness app, long id)
      throws Exception {
    app.interact(() -> app.window.openReview(id));
    DesktopHarness.await(
        20, "the session in Review", () -> app.window.review().windows().size() == 6);
    app.interact(() -> app.window.review().seek(1.2));
    DesktopHarness.await(
        5,
        "the inspector on a window",
        () -> app.window.review().currentWindowProperty().get() != null);
    Map<Modality, String> shown = new EnumMap<>(Modality.class);
    for (Modality m : Modality.values()) {
      app.interact(
          () -> shown.put(m, app.robot.lookup("#inspector-" + m.label()).queryLabeled().getText()));
    }
    return shown;
  }

  @Test
  void inSimplifiedChineseEveryReasonIsChineseAndInEnglishEnglish() throws Exception {
    long id = storeSession();
    Settings.defaults(DesktopHarness.ROOT).withLanguage("zh-CN").save(data);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      Map<Modality, String> zh = inspectorReasons(app, id);
      assertThat(zh.get(Modality.FACE)).isEqualTo("缺失：无人脸（没有视频流）");
      assertThat(zh.get(Modality.VOICE)).isEqualTo("缺失：无语音（本窗口仅 12% 的时间有语音，低于 30%）");
      assertThat(zh.get(Modality.TEXT)).isEqualTo("缺失：无法读取");
      assertThat(zh.values()).allSatisfy(t -> assertThat(t).doesNotContainPattern("[A-Za-z]"));
    }
    Settings.defaults(DesktopHarness.ROOT).withLanguage("en").save(data);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      Map<Modality, String> en = inspectorReasons(app, id);
      assertThat(en.get(Modality.FACE)).isEqualTo("absent: no face (no video stream)");
      assertThat(en.get(Modality.VOICE))
          .isEqualTo("absent: no speech (speech in 12% of the window, below 30%)");
      assertThat(en.get(Modality.TEXT))
          .isEqualTo("absent: unreadable (Error code - ORT_RUNTIME_EXCEPTION - node 7 failed)");
    }
  }
}
