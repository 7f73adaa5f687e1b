package org.sentio.reports;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.sentio.affect.triage.Contribution;
import org.sentio.affect.triage.TriageCard;

/**
 * The triage card as HTML or PDF. It carries no patient identity, and the disclaimer stands at the
 * top of every export.
 */
public final class TriageCardReport {

  private TriageCardReport() {}

  private static boolean zh(Locale locale) {
    return "zh".equals(locale.getLanguage());
  }

  /** The lines of the card, in order: disclaimer, level, then one line per contribution. */
  static List<String> lines(TriageCard card, Locale locale) {
    boolean zh = zh(locale);
    List<String> out = new ArrayList<>();
    out.add(zh ? TriageCard.DISCLAIMER_ZH : TriageCard.DISCLAIMER);
    out.add(
        (zh ? "分诊级别 " : "Triage level ")
            + card.level()
            + " — "
            + (zh ? card.levelNameZh() : card.levelName()));
    for (Contribution c : card.contributions()) {
      out.add(
          String.format(
              Locale.ROOT,
              "[%s] %s — %s (%s %d, %s %.2f)",
              c.source().name().toLowerCase(Locale.ROOT),
              c.rule(),
              c.evidence().isEmpty() ? "—" : c.evidence(),
              zh ? "建议级别" : "suggests",
              c.suggestedLevel(),
              zh ? "权重" : "weight",
              c.weight()));
    }
    return out;
  }

  public static String html(TriageCard card, Locale locale) {
    List<String> lines = lines(card, locale);
    StringBuilder sb =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"")
            .append(zh(locale) ? "zh-CN" : "en")
            .append("\"><head><meta charset=\"utf-8\"><title>")
            .append(esc(zh(locale) ? "分诊卡" : "Triage card"))
            .append("</title></head><body>\n<p class=\"disclaimer\"><strong>")
            .append(esc(lines.get(0)))
            .append("</strong></p>\n<h1>")
            .append(esc(lines.get(1)))
            .append("</h1>\n<ul>\n");
    for (String l : lines.subList(2, lines.size())) {
      sb.append("<li>").append(esc(l)).append("</li>\n");
    }
    return sb.append("</ul>\n<p class=\"disclaimer\">")
        .append(esc(lines.get(0)))
        .append("</p>\n</body></html>\n")
        .toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Writes a one-page (or longer) PDF; {@code out} is left open. */
  public static void pdf(TriageCard card, Locale locale, OutputStream out) throws IOException {
    List<String> lines = lines(card, locale);
    try (TrueTypeCollection fonts =
            new TrueTypeCollection(new ByteArrayInputStream(ReportFonts.collection()));
        PDDocument doc = new PDDocument()) {
      TrueTypeFont face = fonts.getFontByName(ReportFonts.FACE);
      PDType0Font font = PDType0Font.load(doc, face, true);
      float margin = 50;
      float size = 10;
      float y = 0;
      PDPageContentStream s = null;
      float width = PDRectangle.A4.getWidth() - 2 * margin;
      for (int i = 0; i < lines.size(); i++) {
        float sz = i == 1 ? 16 : (i == 0 ? 12 : size);
        for (String part : wrap(lines.get(i), font, sz, width)) {
          if (s == null || y < margin + sz) {
            if (s != null) {
              s.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            s = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - margin;
          }
          y -= sz * 1.4f;
          s.beginText();
          s.setFont(font, sz);
          s.setNonStrokingColor(i == 0 ? new Color(0x9b1c1c) : Color.BLACK);
          s.newLineAtOffset(margin, y);
          s.showText(part);
          s.endText();
        }
      }
      if (s != null) {
        s.close();
      }
      doc.getDocumentInformation().setTitle(lines.get(1));
      doc.getDocumentInformation().setSubject(lines.get(0));
      doc.getDocumentInformation().setCreator("Sentio");
      doc.save(out);
    }
  }

  private static List<String> wrap(String text, PDType0Font font, float size, float width)
      throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      try {
        font.encode(ch);
      } catch (IllegalArgumentException e) {
        ch = "?";
      }
      if (font.getStringWidth(line + ch) / 1000 * size > width && line.length() > 0) {
        out.add(line.toString());
        line.setLength(0);
      }
      line.append(ch);
      i += Character.charCount(cp);
    }
    out.add(line.toString());
    return out;
  }
}
