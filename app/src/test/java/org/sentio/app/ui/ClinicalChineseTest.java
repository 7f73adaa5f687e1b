package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.triage.TriageCard;
import org.sentio.app.ui.clinical.VisibleClicks;

/** Switching the language to Simplified Chinese puts the clinical page in Chinese. */
class ClinicalChineseTest {
  @TempDir Path data;

  @Test
  void theClinicalPageSpeaksChineseAfterTheSwitch() throws Exception {
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-clinical");
      assertThat(app.robot.lookup("#clinical-voice-import").queryLabeled().getText())
          .isEqualTo("Import voice note…");
      app.robot.clickOn("#nav-settings");
      ComboBox<String> language = app.robot.lookup("#settings-language").queryComboBox();
      app.interact(() -> language.setValue("zh-CN"));
      DesktopHarness.await(
          5,
          "Chinese labels",
          () -> "临床".equals(app.robot.lookup("#nav-clinical").queryLabeled().getText()));
      app.robot.clickOn("#nav-clinical");

      assertThat(text(app, "#clinical-open")).isEqualTo("打开影像…");
      assertThat(text(app, "#clinical-intake-title")).isEqualTo("接诊登记");
      assertThat(text(app, "#clinical-voice-record")).isEqualTo("录制语音记录");
      assertThat(text(app, "#clinical-voice-import")).isEqualTo("导入语音记录…");
      assertThat(text(app, "#clinical-transcript-note")).contains("没有离线语音识别");
      assertThat(text(app, "#clinical-webcam")).isEqualTo("使用摄像头");
      assertThat(text(app, "#clinical-assess")).isEqualTo("评估");
      assertThat(text(app, "#clinical-export-dicom")).isEqualTo("导出去标识化 DICOM…");
      assertThat(text(app, "#clinical-export-card")).isEqualTo("导出分诊卡…");
      assertThat(text(app, "#clinical-disclaimer")).isEqualTo(TriageCard.DISCLAIMER_ZH);

      VisibleClicks.clickOn(app.robot, "#clinical-assess");
      assertThat(text(app, "#clinical-level")).isEqualTo("级别 4 — 次紧急");
      VisibleClicks.clickOn(app.robot, "#clinical-export-dicom");
      assertThat(text(app, "#clinical-export-status")).isEqualTo("请先打开影像：没有可去标识化的内容。");
    }
  }

  private static String text(DesktopHarness app, String id) {
    return app.robot.lookup(id).queryLabeled().getText();
  }
}
