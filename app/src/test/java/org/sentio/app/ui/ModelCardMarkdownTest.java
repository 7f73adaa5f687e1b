package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.ui.models.MarkdownView;
import org.sentio.app.ui.models.ModelRow;

/** The Models page shows each model card drawn from its Markdown, not the Markdown source. */
class ModelCardMarkdownTest {
  @TempDir Path data;

  @Test
  void theFusionModelCardShowsHeadingsBoldTextAndATableWithoutMarkup() throws Exception {
    try (DesktopHarness app = DesktopHarness.open(data)) {
      app.robot.clickOn("#nav-models");
      DesktopHarness.await(
          10, "the installed models", () -> !app.window.models().models().isEmpty());
      app.interact(
          () -> {
            ModelRow fusion =
                app.window.models().models().stream()
                    .filter(r -> r.model().name().equals("fusion-moe"))
                    .findFirst()
                    .orElseThrow();
            app.window.models().selectedProperty().set(fusion);
          });
      DesktopHarness.await(
          10, "the fusion card", () -> app.window.models().cardProperty().get().contains("**"));
      MarkdownView card = app.robot.lookup("#models-card").query();
      DesktopHarness.await(10, "the card drawn", () -> !shownText(card).isEmpty());

      List<Node> nodes = new ArrayList<>();
      app.interact(() -> collect(card.getContent(), nodes));
      String shown = shownText(card);
      assertThat(shown).contains("What it is.").doesNotContain("**").doesNotContain("| ---");
      assertThat(shown).doesNotContain("# fusion-moe");

      Label heading =
          nodes.stream()
              .filter(n -> n instanceof Label l && l.getStyleClass().contains("md-heading"))
              .map(Label.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(heading.getText()).startsWith("fusion-moe 1.0.0");
      assertThat(heading.getStyleClass()).contains("title-1");
      Label body = new Label();
      assertThat(heading.getFont().getSize()).isGreaterThan(body.getFont().getSize());

      Text bold =
          nodes.stream()
              .filter(n -> n instanceof Text t && t.getText().equals("What it is."))
              .map(Text.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(bold.getFont().getStyle().toLowerCase())
          .as("drawn bold: %s", bold.getFont())
          .containsAnyOf("bold", FontWeight.BOLD.name().toLowerCase());

      GridPane table =
          nodes.stream()
              .filter(GridPane.class::isInstance)
              .map(GridPane.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(table.getChildren().size()).isGreaterThan(4);
    }
  }

  private static String shownText(MarkdownView card) {
    List<Node> nodes = new ArrayList<>();
    collect(card.getContent(), nodes);
    StringBuilder out = new StringBuilder();
    for (Node n : nodes) {
      if (n instanceof Text t) {
        out.append(t.getText());
      } else if (n instanceof Label l) {
        out.append(l.getText()).append('\n');
      }
    }
    return out.toString();
  }

  private static void collect(Node node, List<Node> into) {
    if (node == null) {
      return;
    }
    into.add(node);
    if (node instanceof Parent p && !(node instanceof Label)) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, into);
      }
    }
  }
}
