package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.triage.TriageCard;
import org.sentio.affect.triage.TriageInput;
import org.sentio.affect.triage.TriageRules;
import org.sentio.affect.triage.Vital;
import org.sentio.affect.triage.Vitals;

class TriageCardReportTest {
  @TempDir Path work;

  static TriageCard card(String complaint) {
    return TriageRules.assess(
        new TriageInput(complaint, Vitals.none().with(Vital.SPO2, 90), List.of(), null));
  }

  @Test
  void htmlCarriesTheDisclaimerLevelAndEveryReason() {
    String html = TriageCardReport.html(card("chest pain <since> 2h"), Locale.ENGLISH);
    assertThat(html)
        .contains("Decision support — not a diagnosis")
        .contains("Triage level 2 — Emergent")
        .contains("red-flag cue: chest pain")
        .contains("SpO2 below 92 %")
        .doesNotContain("<since>");
    String zh = TriageCardReport.html(card("胸痛两小时"), Locale.SIMPLIFIED_CHINESE);
    assertThat(zh).contains("辅助决策——并非诊断").contains("分诊级别 2 — 危急").contains("&quot;胸痛&quot;");
  }

  @Test
  void pdfReadsBackWithTheDisclaimer() throws Exception {
    assumeTrue(Tools.onPath("pdftotext"), "poppler-utils not installed");
    for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
      Path pdf = work.resolve("card-" + locale + ".pdf");
      try (OutputStream out = Files.newOutputStream(pdf)) {
        TriageCardReport.pdf(card("胸痛 and can't breathe"), locale, out);
      }
      Tools.Output text =
          Tools.run(work, List.of("pdftotext", "-enc", "UTF-8", pdf.toString(), "-"));
      assertThat(text.exitCode()).isZero();
      String t = text.text().replaceAll("\\s+", " ");
      if (locale == Locale.ENGLISH) {
        assertThat(t).contains("Decision support — not a diagnosis").contains("Triage level 2");
      } else {
        assertThat(t).contains("辅助决策——并非诊断").contains("分诊级别 2");
      }
      assertThat(t).contains("red-flag cue: can't breathe");
    }
  }
}
