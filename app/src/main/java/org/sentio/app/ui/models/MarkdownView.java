package org.sentio.app.ui.models;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * A model card (Markdown) drawn as text, not shown as its source: headings, paragraphs with bold,
 * italic, code and links, bullet and numbered lists, tables as grids, code blocks and quotes. The
 * cards are Sentio's own files, so raw HTML in them is shown as text, never interpreted. Parsed
 * with commonmark-java and its GFM tables extension.
 */
public final class MarkdownView extends ScrollPane {
  private static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();

  private final VBox blocks = new VBox(10);

  public MarkdownView() {
    blocks.getStyleClass().add("markdown");
    blocks.setPadding(new Insets(12));
    setContent(blocks);
    setFitToWidth(true);
  }

  /** Shows {@code markdown} in place of what was shown. */
  public void setMarkdown(String markdown) {
    blocks.getChildren().setAll(render(markdown == null ? "" : markdown));
    setVvalue(0);
  }

  /** The nodes for each top-level block of {@code markdown}. */
  static List<Node> render(String markdown) {
    List<Node> nodes = new ArrayList<>();
    org.commonmark.node.Node document = PARSER.parse(markdown);
    for (org.commonmark.node.Node b = document.getFirstChild(); b != null; b = b.getNext()) {
      nodes.add(block(b, 0));
    }
    return nodes;
  }

  private static Node block(org.commonmark.node.Node block, int depth) {
    if (block instanceof Heading h) {
      Label heading = new Label(plainText(h));
      heading.setWrapText(true);
      heading.getStyleClass().addAll("md-heading", "title-" + Math.min(4, h.getLevel()));
      heading.setStyle("-fx-font-weight: bold;");
      return heading;
    }
    if (block instanceof Paragraph p) {
      return inlines(p);
    }
    if (block instanceof BulletList || block instanceof OrderedList) {
      return list(block, depth);
    }
    if (block instanceof TableBlock table) {
      return table(table);
    }
    if (block instanceof FencedCodeBlock code) {
      return codeBlock(code.getLiteral());
    }
    if (block instanceof IndentedCodeBlock code) {
      return codeBlock(code.getLiteral());
    }
    if (block instanceof HtmlBlock html) {
      return codeBlock(html.getLiteral());
    }
    if (block instanceof ThematicBreak) {
      return new Separator();
    }
    if (block instanceof BlockQuote quote) {
      VBox inner = new VBox(6);
      inner.getStyleClass().add("md-quote");
      for (var c = quote.getFirstChild(); c != null; c = c.getNext()) {
        inner.getChildren().add(block(c, depth));
      }
      return inner;
    }
    return inlines(block);
  }

  private static Node list(org.commonmark.node.Node list, int depth) {
    VBox items = new VBox(4);
    items.setPadding(new Insets(0, 0, 0, 8 + 12 * depth));
    int number = list instanceof OrderedList o ? o.getStartNumber() : 0;
    for (var item = list.getFirstChild(); item != null; item = item.getNext()) {
      if (!(item instanceof ListItem)) {
        continue;
      }
      Label marker = new Label(list instanceof OrderedList ? (number++) + "." : "•");
      marker.setMinWidth(18);
      VBox content = new VBox(4);
      for (var c = item.getFirstChild(); c != null; c = c.getNext()) {
        content.getChildren().add(block(c, depth + 1));
      }
      HBox row = new HBox(4, marker, content);
      HBox.setHgrow(content, Priority.ALWAYS);
      items.getChildren().add(row);
    }
    items.getStyleClass().add("md-list");
    return items;
  }

  private static Node table(TableBlock table) {
    GridPane grid = new GridPane();
    grid.getStyleClass().add("md-table");
    grid.setHgap(16);
    grid.setVgap(4);
    int row = 0;
    for (var section = table.getFirstChild(); section != null; section = section.getNext()) {
      boolean head = section instanceof TableHead;
      for (var r = section.getFirstChild(); r != null; r = r.getNext()) {
        if (!(r instanceof TableRow)) {
          continue;
        }
        int column = 0;
        for (var cell = r.getFirstChild(); cell != null; cell = cell.getNext()) {
          if (cell instanceof TableCell c) {
            TextFlow text = inlines(c);
            if (head) {
              text.getStyleClass().add("md-table-head");
              text.getChildren().forEach(t -> t.setStyle("-fx-font-weight: bold;"));
            }
            grid.add(text, column++, row);
          }
        }
        row++;
      }
    }
    return grid;
  }

  private static Node codeBlock(String literal) {
    Label code = new Label(literal.stripTrailing());
    code.getStyleClass().add("md-code-block");
    code.setWrapText(true);
    return code;
  }

  /** A paragraph-like block's inline content as styled text runs. */
  private static TextFlow inlines(org.commonmark.node.Node parent) {
    TextFlow flow = new TextFlow();
    flow.getStyleClass().add("md-paragraph");
    addInlines(parent, flow, false, false);
    return flow;
  }

  private static void addInlines(
      org.commonmark.node.Node parent, TextFlow flow, boolean bold, boolean italic) {
    for (var n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof org.commonmark.node.Text t) {
        flow.getChildren().add(run(t.getLiteral(), bold, italic, "md-text"));
      } else if (n instanceof StrongEmphasis) {
        addInlines(n, flow, true, italic);
      } else if (n instanceof Emphasis) {
        addInlines(n, flow, bold, true);
      } else if (n instanceof Code c) {
        flow.getChildren().add(run(c.getLiteral(), bold, italic, "md-code"));
      } else if (n instanceof Link) {
        // Offline application: a link's words are shown, nothing is opened.
        int before = flow.getChildren().size();
        addInlines(n, flow, bold, italic);
        flow.getChildren().stream().skip(before).forEach(x -> x.getStyleClass().add("md-link"));
      } else if (n instanceof SoftLineBreak) {
        flow.getChildren().add(run(" ", bold, italic, "md-text"));
      } else if (n instanceof HardLineBreak) {
        flow.getChildren().add(run("\n", bold, italic, "md-text"));
      } else if (n instanceof HtmlInline html) {
        flow.getChildren().add(run(html.getLiteral(), bold, italic, "md-code"));
      } else {
        addInlines(n, flow, bold, italic);
      }
    }
  }

  private static Text run(String literal, boolean bold, boolean italic, String styleClass) {
    Text text = new Text(literal);
    text.getStyleClass().add(styleClass);
    if (bold) {
      text.getStyleClass().add("md-bold");
    }
    if (italic) {
      text.getStyleClass().add("md-italic");
    }
    return text;
  }

  private static String plainText(org.commonmark.node.Node node) {
    StringBuilder out = new StringBuilder();
    for (var n = node.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof org.commonmark.node.Text t) {
        out.append(t.getLiteral());
      } else if (n instanceof Code c) {
        out.append(c.getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        out.append(' ');
      } else {
        out.append(plainText(n));
      }
    }
    return out.toString();
  }
}
