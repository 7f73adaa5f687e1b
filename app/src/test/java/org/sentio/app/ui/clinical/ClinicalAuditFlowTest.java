package org.sentio.app.ui.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.triage.Vital;
import org.sentio.app.store.AuditRepository;
import org.sentio.capture.dicom.DicomReader;

/**
 * The clinical page writes who opened a study, showed its patient and exported it to the store's
 * audit log (a real SQLite file), by the local user; the patient is shown only once the entry is
 * written, and stays masked when the log cannot be written.
 */
class ClinicalAuditFlowTest extends EnglishClinicalPageTest {
  @Test
  void openRevealAndExportsAreAuditedInAnIntactChain() throws Exception {
    String study =
        "study " + DicomReader.read(ClinicalHarness.CT).series().get(0).info().studyInstanceUid();
    app.openStudy(ClinicalHarness.CT);
    assertThat(app.audit.entries()).hasSize(1);

    VisibleClicks.clickOn(app.robot, "#clinical-reveal");
    ClinicalHarness.await(
        10, "the identity to be shown", () -> !app.text("#clinical-patient-name").equals("••••••"));
    assertThat(
            app.robot
                .lookup("#clinical-reveal")
                .queryAs(javafx.scene.control.ToggleButton.class)
                .getText())
        .isEqualTo("Hide identity");

    app.choosers.exportFolder = temp.resolve("deidentified");
    VisibleClicks.clickOn(app.robot, "#clinical-export-dicom");
    app.awaitExport();
    app.robot.interact(() -> app.view.vitalField(Vital.HEART_RATE).setText("88"));
    VisibleClicks.clickOn(app.robot, "#clinical-assess");
    app.choosers.cardFile = temp.resolve("card.html");
    VisibleClicks.clickOn(app.robot, "#clinical-export-card");
    app.awaitExport();

    List<AuditRepository.Entry> entries = app.audit.entries();
    assertThat(entries)
        .extracting(AuditRepository.Entry::action)
        .containsExactly(
            AuditRepository.Action.OPEN,
            AuditRepository.Action.REVEAL,
            AuditRepository.Action.EXPORT,
            AuditRepository.Action.EXPORT);
    assertThat(entries).allMatch(e -> e.osUser().equals(System.getProperty("user.name")));
    assertThat(entries).allMatch(e -> e.subject().equals(study));
    assertThat(entries.get(1).detail()).startsWith("clinical: patient identity shown");
    assertThat(entries.get(2).detail())
        .contains("de-identified DICOM, 1 files to " + temp.resolve("deidentified"));
    assertThat(entries.get(3).detail()).contains("triage card to " + temp.resolve("card.html"));
    assertThat(app.audit.verify().intact()).isTrue();

    // Hiding again is not an access: nothing is written.
    VisibleClicks.clickOn(app.robot, "#clinical-reveal");
    assertThat(app.text("#clinical-patient-name")).isEqualTo("••••••");
    assertThat(app.audit.entries()).hasSize(4);
  }

  @Test
  void whenTheLogCannotBeWrittenThePatientStaysMasked() throws Exception {
    app.openStudy(ClinicalHarness.CT);
    app.audit.close();
    VisibleClicks.clickOn(app.robot, "#clinical-reveal");
    ClinicalHarness.await(
        10,
        "the refusal",
        () -> app.text("#clinical-status").startsWith("Could not write to the audit log"));
    assertThat(app.text("#clinical-status"))
        .endsWith(
            "nothing was shown or recorded. Check the data folder's disk and permissions,"
                + " then try again.");
    assertThat(app.text("#clinical-patient-name")).isEqualTo("••••••");
    assertThat(
            app.robot
                .lookup("#clinical-reveal")
                .queryAs(javafx.scene.control.ToggleButton.class)
                .isSelected())
        .isFalse();
  }
}
