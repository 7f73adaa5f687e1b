package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Found by looking at the pages in Simplified Chinese: empty tables said JavaFX's own "No content
 * in table" in English, and the title in the navigation rail was cut to "Sentio 情...". Every table
 * on every page now says in the user's language why it is empty, and the title is whole.
 */
class ChinesePagesTest {
  @TempDir Path data;

  @Test
  void everyEmptyTableSpeaksChineseAndTheTitleIsNotCut() throws Exception {
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-settings");
      ComboBox<String> language = app.robot.lookup("#settings-language").queryComboBox();
      app.interact(() -> language.setValue("zh-CN"));
      DesktopHarness.await(
          5,
          "the Chinese navigation",
          () -> "临床".equals(app.robot.lookup("#nav-clinical").queryLabeled().getText()));

      Labeled brand = app.robot.lookup("#nav-brand").queryLabeled();
      assertThat(brand.getText()).isEqualTo(I18n.forLanguage("zh-CN").get("app.title"));
      assertThat(shownText(brand)).as("the title as drawn").isEqualTo(brand.getText());

      for (MainWindow.Page page :
          List.of(
              MainWindow.Page.LIBRARY,
              MainWindow.Page.MODELS,
              MainWindow.Page.WORKFLOWS,
              MainWindow.Page.MONITORING,
              MainWindow.Page.AUDIT)) {
        app.interact(() -> app.window.show(page));
        WaitForAsyncUtils.waitForFxEvents();
        List<TableView<?>> tables = new ArrayList<>();
        app.interact(() -> collectTables(app.stage.getScene().getRoot(), tables));
        assertThat(tables).as(page + " has tables").isNotEmpty();
        for (TableView<?> table : tables) {
          String what = page + " table " + table.getId();
          assertThat(table.getPlaceholder()).as(what + " placeholder").isNotNull();
          List<String> texts = new ArrayList<>();
          collectTexts(table.getPlaceholder(), texts);
          assertThat(String.join(" ", texts)).as(what + " says why it is empty").matches(CHINESE);
        }
      }
    }
  }

  private static final String CHINESE = "(?s).*[\\u4e00-\\u9fff].*";

  private static String shownText(Labeled label) {
    List<String> drawn = new ArrayList<>();
    for (Node n : label.lookupAll(".text")) {
      if (n instanceof Text t) {
        drawn.add(t.getText());
      }
    }
    return String.join("", drawn).replace("\n", "");
  }

  private static void collectTables(Node node, List<TableView<?>> tables) {
    if (node instanceof TableView<?> t) {
      tables.add(t);
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collectTables(child, tables);
      }
    }
  }

  private static void collectTexts(Node node, List<String> texts) {
    if (node instanceof Labeled l && l.getText() != null) {
      texts.add(l.getText());
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collectTexts(child, texts);
      }
    }
  }
}
