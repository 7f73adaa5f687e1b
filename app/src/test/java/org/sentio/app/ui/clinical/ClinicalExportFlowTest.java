package org.sentio.app.ui.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.triage.TriageCard;
import org.sentio.affect.triage.Vital;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.PatientIdentity;

/**
 * Exports from the clinical page: a de-identified copy of the open study and the triage card, and
 * the destinations that are refused (inside the study, not writable) without losing the intake.
 */
class ClinicalExportFlowTest extends EnglishClinicalPageTest {
  @Test
  void theOpenStudyIsExportedDeIdentifiedAndNeverIntoItsOwnFolder() throws Exception {
    app.choosers.exportFolder = temp.resolve("early");
    VisibleClicks.clickOn(app.robot, "#clinical-export-dicom");
    assertThat(app.text("#clinical-export-status"))
        .isEqualTo("Open a study first: there is nothing to de-identify.");
    assertThat(temp.resolve("early")).doesNotExist();

    app.openStudy(ClinicalHarness.CT);
    VisibleClicks.clickOn(app.robot, "#clinical-complaint").write("headache");
    PatientIdentity identity = DicomReader.read(ClinicalHarness.CT).series().get(0).identity();
    assertThat(identity.name()).isNotBlank();
    byte[] source = Files.readAllBytes(ClinicalHarness.CT);

    Path out = temp.resolve("deidentified");
    app.choosers.exportFolder = out;
    VisibleClicks.clickOn(app.robot, "#clinical-export-dicom");
    app.awaitExport();
    assertThat(app.text("#clinical-export-status"))
        .startsWith("Wrote 1 de-identified file(s) to " + out);
    List<Path> written;
    try (var files = Files.list(out)) {
      written = files.toList();
    }
    assertThat(written).hasSize(1);
    String bytes = new String(Files.readAllBytes(written.get(0)), StandardCharsets.ISO_8859_1);
    assertThat(bytes).doesNotContain(identity.name()).doesNotContain(identity.id());
    assertThat(DicomReader.read(out).series().get(0).identity().name())
        .isNotEqualTo(identity.name());
    assertThat(Files.readAllBytes(ClinicalHarness.CT)).isEqualTo(source);

    Path inside = ClinicalHarness.CT.getParent().resolve("deidentified");
    app.choosers.exportFolder = inside;
    VisibleClicks.clickOn(app.robot, "#clinical-export-dicom");
    app.awaitExport();
    assertThat(app.text("#clinical-export-status"))
        .contains(inside.toString())
        .contains("inside the study folder")
        .contains("choose a folder outside it");
    assertThat(inside).doesNotExist();

    Path blocker = Files.writeString(temp.resolve("blocker.txt"), "a file, not a folder");
    app.choosers.exportFolder = blocker.resolve("out");
    VisibleClicks.clickOn(app.robot, "#clinical-export-dicom");
    app.awaitExport();
    assertThat(app.text("#clinical-export-status"))
        .startsWith("Cannot write to " + blocker.resolve("out"))
        .endsWith("Nothing was written; choose another folder.");
    assertThat(app.robot.lookup("#clinical-complaint").queryTextInputControl().getText())
        .isEqualTo("headache");
    assertThat(app.robot.lookup("#clinical-export-dicom").queryButton().isDisabled()).isFalse();
  }

  @Test
  void theTriageCardIsExportedAsHtmlOrPdfWithTheDisclaimerAndNoIdentity() throws Exception {
    app.choosers.cardFile = temp.resolve("early.html");
    VisibleClicks.clickOn(app.robot, "#clinical-export-card");
    assertThat(app.text("#clinical-export-status"))
        .isEqualTo("Assess first: there is no triage card to export.");

    app.openStudy(ClinicalHarness.CT);
    VisibleClicks.clickOn(app.robot, "#clinical-reveal");
    PatientIdentity identity = DicomReader.read(ClinicalHarness.CT).series().get(0).identity();
    VisibleClicks.clickOn(app.robot, "#clinical-complaint").write("chest pain");
    app.robot.interact(() -> app.view.vitalField(Vital.SPO2).setText("90"));
    VisibleClicks.clickOn(app.robot, "#clinical-assess");

    Path html = temp.resolve("card.html");
    app.choosers.cardFile = html;
    VisibleClicks.clickOn(app.robot, "#clinical-export-card");
    app.awaitExport();
    assertThat(app.text("#clinical-export-status")).isEqualTo("Triage card written to " + html);
    String page = Files.readString(html);
    assertThat(page)
        .contains(TriageCard.DISCLAIMER)
        .contains("Triage level 2 — Emergent")
        .contains("red-flag cue: chest pain")
        .doesNotContain(identity.name())
        .doesNotContain(identity.id());

    app.choosers.cardFile = temp.resolve("card");
    VisibleClicks.clickOn(app.robot, "#clinical-export-card");
    app.awaitExport();
    Path pdf = temp.resolve("card.pdf");
    assertThat(app.text("#clinical-export-status")).isEqualTo("Triage card written to " + pdf);
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");

    Path blocker = Files.writeString(temp.resolve("blocker.txt"), "a file, not a folder");
    app.choosers.cardFile = blocker.resolve("card.pdf");
    VisibleClicks.clickOn(app.robot, "#clinical-export-card");
    app.awaitExport();
    assertThat(app.text("#clinical-export-status"))
        .startsWith("Cannot write to " + blocker)
        .endsWith("choose another folder.");
    assertThat(app.view.lastCard().level()).isEqualTo(2);
    assertThat(app.view.vitalField(Vital.SPO2).getText()).isEqualTo("90");
  }
}
