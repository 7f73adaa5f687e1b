package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.SessionResult;

/** PDF reports checked with Debian's poppler-utils: pdftotext reads them, pdftoppm renders them. */
class PdfReportTest {
  @TempDir Path work;

  @Test
  void englishReportReadsBackTitleDominantEmotionAndPeakTime() throws Exception {
    String text = pdfText(SampleSession.result(), ReportOptions.DEFAULT);
    assertThat(text)
        .contains(SampleSession.TITLE)
        .contains("Session report")
        .contains("Dominant emotions (fused)")
        .contains("happy: 15 of 39 windows")
        .contains("Peaks of negative affect")
        .contains("0:11.5 – 0:12.5")
        .contains("angry")
        .contains("我要退款")
        .contains("face-expression")
        .contains("ab".repeat(32).substring(0, 20))
        .contains("Page 1 of")
        .contains("Per person (tracked faces)")
        .contains("Face 4")
        .doesNotContain("Decision support");
  }

  @Test
  void chineseReportIsInChinese() throws Exception {
    String text =
        pdfText(SampleSession.result(), ReportOptions.DEFAULT.withLanguage(ReportLanguage.ZH_CN));
    assertThat(text)
        .contains("会话报告")
        .contains("主要情绪（融合）")
        .contains("高兴")
        .contains("负面情绪峰值")
        .contains("愤怒")
        .contains("人脸 4")
        .contains("我要退款");
  }

  @Test
  void clinicalReportCarriesTheDisclaimerOnEveryPage() throws Exception {
    String text = pdfText(SampleSession.result(), ReportOptions.DEFAULT.withClinical(true));
    String[] pages = text.split("\f");
    assertThat(text).contains("Decision support — not a diagnosis");
    for (String page : pages) {
      if (!page.isBlank()) {
        assertThat(page).contains("Decision support — not a diagnosis");
      }
    }
  }

  @Test
  void addedSectionsAppearAfterTheSummary() throws Exception {
    ReportSection card =
        new ReportSection(
            "Triage card",
            List.of("Contributions to urgency"),
            List.of(List.of("Cue", "Weight"), List.of("chest pain", "0.40")));
    String text =
        pdfText(SampleSession.result(), ReportOptions.DEFAULT.withSections(List.of(card)));
    assertThat(text).contains("Triage card").contains("chest pain");
    assertThat(text.indexOf("Triage card")).isGreaterThan(text.indexOf("Expert usage"));
  }

  @Test
  void textOnlySessionReportsAbsentModalitiesAndNoExperts() throws Exception {
    String text = pdfText(SampleSession.textOnly(), ReportOptions.DEFAULT);
    assertThat(text)
        .contains("typed text (no media)")
        .contains("Face: absent (no face)")
        .contains("sad: 1 of 1 windows")
        .contains("uses no experts");
  }

  @Test
  void pdftoppmRendersEveryPage() throws Exception {
    Path pdf =
        write(SampleSession.result(), ReportOptions.DEFAULT.withLanguage(ReportLanguage.ZH_CN));
    Tools.Output out =
        Tools.run(work, List.of("pdftoppm", "-r", "40", "-png", pdf.toString(), "page"));
    assertThat(out.exitCode()).as(out.text()).isZero();
    assertThat(out.text()).as("poppler warnings").doesNotContainIgnoringCase("error");
    String info = Tools.run(work, List.of("pdfinfo", pdf.toString())).text();
    int pages = Integer.parseInt(info.replaceAll("(?s).*Pages:\\s+(\\d+).*", "$1"));
    try (Stream<Path> files = Files.list(work)) {
      List<Path> pngs = files.filter(p -> p.getFileName().toString().startsWith("page")).toList();
      assertThat(pngs).hasSize(pages);
      for (Path png : pngs) {
        assertThat(Files.size(png)).isGreaterThan(1000);
      }
    }
  }

  private String pdfText(SessionResult result, ReportOptions options) throws Exception {
    Path pdf = write(result, options);
    Tools.Output out = Tools.run(work, List.of("pdftotext", "-enc", "UTF-8", pdf.toString(), "-"));
    assertThat(out.exitCode()).as(out.text()).isZero();
    return out.text();
  }

  private Path write(SessionResult result, ReportOptions options) throws Exception {
    Path pdf = Files.createTempFile(work, "report", ".pdf");
    try (OutputStream out = Files.newOutputStream(pdf)) {
      PdfReport.write(result, options, out);
    }
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    return pdf;
  }
}
