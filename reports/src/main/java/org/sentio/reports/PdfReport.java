package org.sentio.reports;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.sentio.affect.pipeline.SessionResult;

/**
 * Renders a session report as PDF (A4) with Apache PDFBox. Text is set in the shipped font,
 * embedded as a subset, so Chinese and Latin print alike and {@code pdftotext} reads it back; lines
 * break where {@link BreakIterator} allows in the report's language.
 */
public final class PdfReport {
  private static final float MARGIN = 50;
  private static final float BODY = 10;
  private static final float SMALL = 8.5f;
  private static final float LEADING = 1.35f;
  private static final Color HEADER_FILL = new Color(0xeeeeee);
  private static final Color BANNER_FILL = new Color(0xfdecea);
  private static final Color BANNER_INK = new Color(0x9b1c1c);

  private PdfReport() {}

  /** Writes the report of {@code result} to {@code out} (left open). */
  public static void write(SessionResult result, ReportOptions options, OutputStream out)
      throws IOException {
    write(ReportContent.of(result, options), out);
  }

  static void write(ReportContent content, OutputStream out) throws IOException {
    try (TrueTypeCollection fonts =
            new TrueTypeCollection(new java.io.ByteArrayInputStream(ReportFonts.collection()));
        PDDocument document = new PDDocument()) {
      TrueTypeFont face = fonts.getFontByName(ReportFonts.FACE);
      PDType0Font font = PDType0Font.load(document, face, true);
      Layout layout = new Layout(document, font, content);
      List<ReportContent.Block> blocks = content.blocks();
      for (int i = 0; i < blocks.size(); i++) {
        layout.draw(blocks.get(i), i + 1 < blocks.size() ? blocks.get(i + 1) : null);
      }
      layout.finish();
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(content.title());
      info.setSubject(content.text().get("report.heading"));
      info.setCreator("Sentio");
      document.getDocumentCatalog().setLanguage(content.options().language().tag());
      document.save(out);
    }
  }

  /** Places blocks top to bottom, opening a page when the next piece does not fit. */
  private static final class Layout {
    private final PDDocument document;
    private final PDType0Font font;
    private final ReportContent content;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private final float bottom;
    private PDPageContentStream stream;
    private float y;

    Layout(PDDocument document, PDType0Font font, ReportContent content) {
      this.document = document;
      this.font = font;
      this.content = content;
      this.bottom = MARGIN + (content.options().clinical() ? 34 : 22);
    }

    /**
     * Draws {@code block}; a heading moves to the next page unless {@code next} starts below it.
     */
    void draw(ReportContent.Block block, ReportContent.Block next) throws IOException {
      if (block instanceof ReportContent.Title t) {
        newPage();
        text(t.title(), 20, MARGIN, Color.BLACK);
        text(t.subtitle(), 13, MARGIN, Color.DARK_GRAY);
        paragraph(t.generated(), SMALL, Color.GRAY);
        y -= 6;
      } else if (block instanceof ReportContent.Banner b) {
        List<String> lines = wrap(b.detail(), BODY, width - 16);
        float height = 14 * LEADING + lines.size() * BODY * LEADING + 12;
        ensure(height);
        stream.setNonStrokingColor(BANNER_FILL);
        stream.addRect(MARGIN, y - height, width, height);
        stream.fill();
        y -= 6;
        text(b.text(), 14, MARGIN + 8, BANNER_INK);
        for (String line : lines) {
          text(line, BODY, MARGIN + 8, BANNER_INK);
        }
        y -= 12;
      } else if (block instanceof ReportContent.Heading h) {
        ensure(14 * LEADING + 10 + start(next));
        y -= 8;
        text(h.text(), 14, MARGIN, Color.BLACK);
        y -= 2;
      } else if (block instanceof ReportContent.Paragraph p) {
        paragraph(p.text(), BODY, Color.BLACK);
      } else if (block instanceof ReportContent.Table t) {
        table(t);
      } else if (block instanceof ReportContent.Chart c) {
        chart(c);
      }
    }

    /** The least height that must follow a heading on its page for {@code next}. */
    private float start(ReportContent.Block next) {
      if (next instanceof ReportContent.Chart c) {
        return c.height() * Math.min(1f, width / c.width());
      }
      return BODY * LEADING * 3;
    }

    void finish() throws IOException {
      if (stream != null) {
        stream.close();
      }
      int count = document.getNumberOfPages();
      for (int i = 0; i < count; i++) {
        PDPage page = document.getPage(i);
        try (PDPageContentStream footer =
            new PDPageContentStream(
                document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
          String left = content.title();
          String right =
              content.text().get("report.page", Integer.toString(i + 1), Integer.toString(count));
          float base = MARGIN - 6;
          show(footer, fit(left, SMALL, width * 0.7f), SMALL, MARGIN, base, Color.GRAY);
          show(footer, right, SMALL, MARGIN + width - stringWidth(right, SMALL), base, Color.GRAY);
          if (content.options().clinical()) {
            show(
                footer,
                content.text().get("clinical.disclaimer"),
                SMALL,
                MARGIN,
                base + SMALL * LEADING + 2,
                BANNER_INK);
          }
        }
      }
    }

    private void chart(ReportContent.Chart c) throws IOException {
      PDImageXObject image = LosslessFactory.createFromImage(document, c.image());
      float scale = Math.min(1f, width / c.width());
      float w = c.width() * scale;
      float h = c.height() * scale;
      List<String> caption = wrap(c.caption(), SMALL, width);
      ensure(h + caption.size() * SMALL * LEADING + 8);
      stream.drawImage(image, MARGIN, y - h, w, h);
      y -= h + 4;
      for (String line : caption) {
        text(line, SMALL, MARGIN, Color.DARK_GRAY);
      }
      y -= 8;
    }

    private void table(ReportContent.Table t) throws IOException {
      int n = t.header().size();
      double total = 0;
      for (double w : t.widths()) {
        total += w;
      }
      float[] columns = new float[n];
      for (int i = 0; i < n; i++) {
        columns[i] = (float) (width * t.widths()[i] / total);
      }
      float size = SMALL + 0.5f;
      ensure(rowHeight(t.header(), columns, size) + rowHeight(firstRow(t), columns, size));
      row(t.header(), columns, size, true);
      for (List<String> cells : t.rows()) {
        float height = rowHeight(cells, columns, size);
        if (y - height < bottom) {
          newPage();
          row(t.header(), columns, size, true);
        }
        row(cells, columns, size, false);
      }
      y -= 6;
    }

    private List<String> firstRow(ReportContent.Table t) {
      return t.rows().isEmpty() ? t.header() : t.rows().get(0);
    }

    private float rowHeight(List<String> cells, float[] columns, float size) throws IOException {
      int lines = 1;
      for (int i = 0; i < cells.size(); i++) {
        lines = Math.max(lines, wrap(cell(cells.get(i)), size, columns[i] - 6).size());
      }
      return lines * size * LEADING + 4;
    }

    private void row(List<String> cells, float[] columns, float size, boolean header)
        throws IOException {
      float height = rowHeight(cells, columns, size);
      if (header) {
        stream.setNonStrokingColor(HEADER_FILL);
        stream.addRect(MARGIN, y - height, width, height);
        stream.fill();
      }
      float x = MARGIN;
      for (int i = 0; i < cells.size(); i++) {
        float lineY = y - size - 1;
        for (String line : wrap(cell(cells.get(i)), size, columns[i] - 6)) {
          show(stream, line, size, x + 3, lineY, Color.BLACK);
          lineY -= size * LEADING;
        }
        x += columns[i];
      }
      y -= height;
      stream.setStrokingColor(HEADER_FILL);
      stream.setLineWidth(0.5f);
      stream.moveTo(MARGIN, y);
      stream.lineTo(MARGIN + width, y);
      stream.stroke();
    }

    private static String cell(String text) {
      return text == null ? "—" : text;
    }

    private void paragraph(String text, float size, Color color) throws IOException {
      for (String line : wrap(text, size, width)) {
        text(line, size, MARGIN, color);
      }
    }

    /** One line at the cursor, moving it down. */
    private void text(String line, float size, float x, Color color) throws IOException {
      ensure(size * LEADING);
      y -= size * LEADING;
      show(stream, line, size, x, y + size * (LEADING - 1), color);
    }

    private void show(
        PDPageContentStream s, String line, float size, float x, float baseline, Color color)
        throws IOException {
      s.beginText();
      s.setFont(font, size);
      s.setNonStrokingColor(color);
      s.newLineAtOffset(x, baseline);
      s.showText(printable(line));
      s.endText();
    }

    private void ensure(float height) throws IOException {
      if (stream == null || y - height < bottom) {
        newPage();
      }
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private String fit(String text, float size, float max) throws IOException {
      String t = printable(text);
      if (stringWidth(t, size) <= max) {
        return t;
      }
      while (!t.isEmpty() && stringWidth(t + "…", size) > max) {
        t = t.substring(0, t.offsetByCodePoints(t.length(), -1));
      }
      return t + "…";
    }

    /** Lines of {@code text} no wider than {@code max}, broken where the language allows. */
    private List<String> wrap(String text, float size, float max) throws IOException {
      List<String> lines = new ArrayList<>();
      for (String paragraph : printable(text).split("\n", -1)) {
        BreakIterator breaks = BreakIterator.getLineInstance(content.options().language().locale());
        breaks.setText(paragraph);
        StringBuilder line = new StringBuilder();
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
          String piece = paragraph.substring(start, end);
          if (stringWidth(line + piece.stripTrailing(), size) <= max) {
            line.append(piece);
            continue;
          }
          if (line.length() > 0) {
            lines.add(line.toString().stripTrailing());
            line.setLength(0);
          }
          // A piece wider than the line (a long hash, a path): cut it by characters.
          while (stringWidth(piece.stripTrailing(), size) > max) {
            int cut = piece.length();
            while (cut > 1 && stringWidth(piece.substring(0, cut), size) > max) {
              cut = piece.offsetByCodePoints(cut, -1);
            }
            lines.add(piece.substring(0, cut));
            piece = piece.substring(cut);
          }
          line.append(piece);
        }
        lines.add(line.toString().stripTrailing());
      }
      return lines;
    }

    private float stringWidth(String text, float size) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    /**
     * {@code text} with every character the font cannot draw replaced by '?', control characters by
     * spaces (a newline stays, for {@link #wrap}).
     */
    private String printable(String text) {
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints()
          .forEach(
              cp -> {
                if (cp == '\n') {
                  out.append('\n');
                } else if (Character.isISOControl(cp)) {
                  out.append(' ');
                } else if (glyphs.computeIfAbsent(cp, this::hasGlyph)) {
                  out.appendCodePoint(cp);
                } else {
                  out.append('?');
                }
              });
      return out.toString();
    }

    private boolean hasGlyph(int codePoint) {
      try {
        font.encode(new String(Character.toChars(codePoint)));
        return true;
      } catch (IllegalArgumentException | IOException e) {
        return false;
      }
    }
  }
}
