package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In Simplified Chinese the UI draws real glyphs even where the machine has no CJK font (this build
 * machine has none: Debian without fonts-noto-cjk). A missing glyph is drawn as the same box for
 * every character, so two different characters drawn in the labels' font must give different
 * pixels, and the labels must use the bundled family.
 */
class ChineseGlyphsTest {
  @TempDir Path data;

  @Test
  void chineseLabelsUseTheBundledFontAndDrawDistinctGlyphs() throws Exception {
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-settings");
      ComboBox<String> language = app.robot.lookup("#settings-language").queryComboBox();
      app.interact(() -> language.setValue("zh-CN"));
      DesktopHarness.await(
          5,
          "the Chinese labels in the bundled font",
          () -> {
            Labeled nav = app.robot.lookup("#nav-clinical").queryLabeled();
            return "临床".equals(nav.getText())
                && UiFonts.CJK_FAMILY.equals(nav.getFont().getFamily());
          });
      Font font = app.robot.lookup("#nav-clinical").queryLabeled().getFont();

      WritableImage[] glyphs = new WritableImage[3];
      app.interact(
          () -> {
            glyphs[0] = draw("临", font);
            glyphs[1] = draw("床", font);
            glyphs[2] = draw("临", font);
          });
      assertThat(inked(glyphs[0])).as("the glyph leaves ink").isGreaterThan(20);
      assertThat(samePixels(glyphs[0], glyphs[2])).as("the same character twice").isTrue();
      assertThat(samePixels(glyphs[0], glyphs[1]))
          .as("临 and 床 drawn alike: boxes instead of characters")
          .isFalse();

      // Back in English the platform's font returns.
      app.robot.clickOn("#nav-settings");
      ComboBox<String> english = app.robot.lookup("#settings-language").queryComboBox();
      app.interact(() -> english.setValue("en"));
      DesktopHarness.await(
          5,
          "the English labels in the platform font",
          () -> {
            Labeled nav = app.robot.lookup("#nav-clinical").queryLabeled();
            return !"临床".equals(nav.getText())
                && !UiFonts.CJK_FAMILY.equals(nav.getFont().getFamily());
          });
    }
  }

  private static WritableImage draw(String character, Font font) {
    Text text = new Text(character);
    text.setFont(Font.font(font.getFamily(), 32));
    text.setFill(Color.BLACK);
    new Scene(new Group(text), Color.WHITE);
    return text.snapshot(null, null);
  }

  private static int inked(WritableImage image) {
    PixelReader pixels = image.getPixelReader();
    int count = 0;
    for (int y = 0; y < (int) image.getHeight(); y++) {
      for (int x = 0; x < (int) image.getWidth(); x++) {
        if (pixels.getColor(x, y).getBrightness() < 0.5) {
          count++;
        }
      }
    }
    return count;
  }

  private static boolean samePixels(WritableImage a, WritableImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    PixelReader pa = a.getPixelReader();
    PixelReader pb = b.getPixelReader();
    for (int y = 0; y < (int) a.getHeight(); y++) {
      for (int x = 0; x < (int) a.getWidth(); x++) {
        if (pa.getArgb(x, y) != pb.getArgb(x, y)) {
          return false;
        }
      }
    }
    return true;
  }
}
