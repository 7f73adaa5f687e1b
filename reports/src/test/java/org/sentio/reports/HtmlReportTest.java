package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HTML reports opened in Debian's headless Chromium: no script error, every chart decoded. */
class HtmlReportTest {
  /**
   * Appended to a copy of the report (the report itself has no script): once the page has loaded,
   * writes what it found into an attribute of the body, which {@code --dump-dom} prints.
   */
  private static final String PROBE =
      """
      <script>
      window.addEventListener('error', e => document.body.dataset.errors =
          (document.body.dataset.errors || '') + e.message + ';', true);
      window.addEventListener('load', () => {
        const images = [...document.images];
        const broken = images.filter(i => !(i.complete && i.naturalWidth > 0)).length;
        document.body.dataset.probe = 'images=' + images.length + ' broken=' + broken
            + ' lang=' + document.documentElement.lang + ' title=' + document.title.length;
      });
      </script>
      """;

  @TempDir Path work;

  @ParameterizedTest
  @EnumSource(ReportLanguage.class)
  void opensInHeadlessChromiumWithoutErrors(ReportLanguage language) throws Exception {
    String html = html(ReportOptions.DEFAULT.withLanguage(language).withClinical(true));
    Path page = work.resolve("report.html");
    Files.writeString(page, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
    Tools.Output out =
        Tools.run(
            work,
            List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + work.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--dump-dom",
                page.toUri().toString()));
    assertThat(out.exitCode()).as(out.text()).isZero();
    assertThat(out.text())
        .as("the page's console")
        .doesNotContain("Uncaught")
        .doesNotContainPattern("CONSOLE[^\\n]*(?i:error)");
    assertThat(out.text())
        .contains("data-probe=\"images=2 broken=0 lang=" + language.tag())
        .doesNotContain("data-errors");
  }

  @Test
  void escapesTranscriptMarkup() throws Exception {
    String html = html(ReportOptions.DEFAULT);
    assertThat(html)
        .contains("I want a refund &lt;now&gt; &amp; &quot;today&quot;.")
        .doesNotContain("<now>")
        .doesNotContain("<script");
  }

  @Test
  void holdsTheSameFiguresAsThePdf() throws Exception {
    String html = html(ReportOptions.DEFAULT.withLanguage(ReportLanguage.ZH_CN));
    assertThat(html)
        .contains("<html lang=\"zh-CN\">")
        .contains("会话报告")
        .contains("高兴：39 个窗口中的 15 个（38%）")
        .contains("0:11.5 – 0:12.5")
        .doesNotContain("辅助决策");
  }

  @Test
  void clinicalVariantShowsTheDisclaimer() throws Exception {
    assertThat(html(ReportOptions.DEFAULT.withClinical(true)))
        .contains("Decision support — not a diagnosis");
  }

  private static String html(ReportOptions options) throws Exception {
    StringWriter out = new StringWriter();
    HtmlReport.write(SampleSession.result(), options, out);
    return out.toString();
  }
}
