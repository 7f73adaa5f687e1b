package org.sentio.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.sentio.affect.pipeline.SessionResult;

/**
 * Renders a session report as one self-contained HTML5 file: inline CSS, charts as PNG data URIs,
 * no script and nothing fetched, so it opens offline in any browser and prints like the PDF.
 */
public final class HtmlReport {
  private static final String STYLE =
      """
      body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","Source Han Sans SC",\
      "Microsoft YaHei","PingFang SC","Helvetica Neue",Arial,sans-serif;color:#222;\
      max-width:820px;margin:2em auto;padding:0 1em;line-height:1.45}
      h1{font-size:1.7em;margin:0}
      .subtitle{font-size:1.1em;color:#555;margin:.2em 0}
      .generated{font-size:.85em;color:#777}
      h2{font-size:1.2em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
      p{margin:.3em 0}
      table{border-collapse:collapse;width:100%;font-size:.9em;margin:.4em 0 .8em}
      th{background:#eee;text-align:left}
      th,td{padding:3px 6px;border-bottom:1px solid #eee;vertical-align:top;\
      overflow-wrap:anywhere}
      figure{margin:.5em 0 1em}
      figure img{width:100%;height:auto;border:0}
      figcaption{font-size:.85em;color:#555}
      .disclaimer{background:#fdecea;color:#9b1c1c;padding:.6em .9em;margin:1em 0}
      .disclaimer strong{font-size:1.2em;display:block}
      footer{font-size:.8em;color:#777;margin-top:2em}
      @media print{body{margin:0;max-width:none}}
      """;

  private HtmlReport() {}

  /** Writes the report of {@code result} to {@code out} (left open). */
  public static void write(SessionResult result, ReportOptions options, Writer out)
      throws IOException {
    write(ReportContent.of(result, options), out);
  }

  static void write(ReportContent content, Writer out) throws IOException {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"")
        .append(content.options().language().tag())
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"Sentio\">\n")
        .append("<title>")
        .append(escape(content.title() + " — " + content.text().get("report.heading")))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    for (ReportContent.Block block : content.blocks()) {
      append(h, block);
    }
    if (content.options().clinical()) {
      h.append("<footer class=\"disclaimer\">")
          .append(escape(content.text().get("clinical.disclaimer")))
          .append("</footer>\n");
    }
    h.append("</body>\n</html>\n");
    out.write(h.toString());
  }

  private static void append(StringBuilder h, ReportContent.Block block) {
    if (block instanceof ReportContent.Title t) {
      h.append("<header>\n<h1>")
          .append(escape(t.title()))
          .append("</h1>\n<p class=\"subtitle\">")
          .append(escape(t.subtitle()))
          .append("</p>\n<p class=\"generated\">")
          .append(escape(t.generated()))
          .append("</p>\n</header>\n");
    } else if (block instanceof ReportContent.Banner b) {
      h.append("<section class=\"disclaimer\" role=\"note\"><strong>")
          .append(escape(b.text()))
          .append("</strong>")
          .append(escape(b.detail()))
          .append("</section>\n");
    } else if (block instanceof ReportContent.Heading heading) {
      h.append("<h2>").append(escape(heading.text())).append("</h2>\n");
    } else if (block instanceof ReportContent.Paragraph p) {
      h.append("<p>").append(escape(p.text())).append("</p>\n");
    } else if (block instanceof ReportContent.Table t) {
      h.append("<table>\n<thead><tr>");
      for (String cell : t.header()) {
        h.append("<th>").append(escape(cell)).append("</th>");
      }
      h.append("</tr></thead>\n<tbody>\n");
      for (List<String> row : t.rows()) {
        h.append("<tr>");
        for (String cell : row) {
          h.append("<td>").append(escape(cell == null ? "—" : cell)).append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody>\n</table>\n");
    } else if (block instanceof ReportContent.Chart c) {
      h.append(
              String.format(
                  Locale.ROOT,
                  "<figure id=\"%s\"><img alt=\"%s\" width=\"%d\" height=\"%d\" src=\"data:image/png;base64,",
                  c.id(),
                  escape(c.caption()),
                  c.width(),
                  c.height()))
          .append(png(c.image()))
          .append("\"><figcaption>")
          .append(escape(c.caption()))
          .append("</figcaption></figure>\n");
    }
  }

  private static String png(java.awt.image.BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart as PNG", e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** {@code text} with the five HTML special characters escaped. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
