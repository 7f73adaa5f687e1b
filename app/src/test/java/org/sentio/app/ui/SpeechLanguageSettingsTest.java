package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.SpeechSettings;
import org.sentio.app.ui.library.ImportJob;

/**
 * The speech language in Settings, on the headless toolkit with the real models: English (whose
 * model is shipped) shows no notice; choosing Chinese (no model installed) is saved where the
 * command line reads it, says plainly in Settings and in the Library that words will not be
 * recognised, and a recording imported from the app is then analysed for Chinese: no words, the
 * same warning stored with the session.
 */
class SpeechLanguageSettingsTest {
  static final Path SHARED =
      Path.of(
          System.getProperty(
              "sentio.shared.dir", DesktopHarness.ROOT.resolve("../shared").toString()));
  static final Path SPEECH =
      SHARED.resolve("data/speech_ravdess_train/Actor_01/03-01-05-02-01-01-01.flac");

  @TempDir Path data;

  @Test
  void choosingALanguageWithoutAModelSaysSoAndImportsAreAnalysedInIt() throws Exception {
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-settings");
      ComboBox<String> speech = app.robot.lookup("#settings-speech-language").queryComboBox();
      Label notice = app.robot.lookup("#settings-speech-notice").queryAs(Label.class);
      assertThat(speech.getValue()).isEqualTo("en");
      assertThat(speech.getConverter().toString("en")).isEqualTo("English");
      assertThat(notice.isVisible()).as("the English model is shipped").isFalse();

      app.robot.clickOn(speech);
      DesktopHarness.await(5, "the language list", () -> !popupCells(app, "Chinese").isEmpty());
      app.robot.clickOn(popupCells(app, "Chinese").get(0));

      DesktopHarness.await(5, "the notice", notice::isVisible);
      assertThat(notice.getText())
          .isEqualTo(
              "No speech recognition model for Chinese is installed: recordings in Chinese are"
                  + " analysed without their words. Install one with \"sentio models install DIR"
                  + " --lang zh\", or give a transcript.");
      assertThat(SpeechSettings.load(data).language()).isEqualTo("zh");

      app.robot.clickOn("#nav-library");
      Label libraryNotice = app.robot.lookup("#library-speech-notice").queryAs(Label.class);
      DesktopHarness.await(10, "the notice in the library", libraryNotice::isVisible);
      assertThat(libraryNotice.getText()).isEqualTo(notice.getText());

      List<ImportJob>[] jobs = new List[1];
      app.interact(() -> jobs[0] = app.window.library().importFiles(List.of(SPEECH)));
      DesktopHarness.await(
          240, "the imported recording", () -> jobs[0].get(0).state() == ImportJob.State.DONE);
      long id = app.context.store().sessions().list().get(0).id();
      SessionResult analysed = app.context.store().sessions().load(id).orElseThrow().result();
      assertThat(analysed.transcript()).isEmpty();
      assertThat(analysed.warnings())
          .anyMatch(w -> w.startsWith("no speech recognition model for language 'zh'"));
    }
  }

  @Test
  void inSimplifiedChineseTheChoiceAndTheNoticeReadInChinese() throws Exception {
    Settings.defaults(DesktopHarness.ROOT).withLanguage("zh-CN").save(data);
    new SpeechSettings("zh").save(data);
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-settings");
      ComboBox<String> speech = app.robot.lookup("#settings-speech-language").queryComboBox();
      assertThat(speech.getConverter().toString("zh")).isEqualTo("中文");
      assertThat(speech.getConverter().toString("en")).isEqualTo("英语");
      Label notice = app.robot.lookup("#settings-speech-notice").queryAs(Label.class);
      assertThat(notice.isVisible()).isTrue();
      assertThat(notice.getText()).startsWith("未安装中文的语音识别模型").contains("--lang zh");

      app.interact(() -> speech.setValue("en"));
      DesktopHarness.await(5, "the notice to go", () -> !notice.isVisible());
      assertThat(SpeechSettings.load(data).language()).isEqualTo("en");
    }
  }

  private static List<Node> popupCells(DesktopHarness app, String text) {
    return app.robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
        .filter(n -> n instanceof Labeled l && text.equals(l.getText()) && n.isVisible())
        .toList();
  }
}
