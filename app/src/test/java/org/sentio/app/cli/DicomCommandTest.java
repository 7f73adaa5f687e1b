package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.capture.dicom.DicomReader;

/** {@code sentio dicom info|deidentify} on the shared DICOM fixtures. */
class DicomCommandTest {
  private static Path dicom;

  @BeforeAll
  static void locate() {
    EvaluateCommandTest.locate();
    String root = System.getProperty("sentio.root.dir", "..");
    dicom =
        Path.of(System.getProperty("sentio.shared.dir", root + "/../shared"), "testdata", "dicom");
  }

  static EvaluateCommandTest.Run run(String... args) {
    return EvaluateCommandTest.run(args);
  }

  @Test
  void infoSummarisesCtWithIdentityMasked() {
    var r = run("dicom", "info", dicom.resolve("CT_small.dcm").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("identity masked")
        .contains("CT")
        .contains("128 × 128")
        .contains("Explicit VR Little Endian (1.2.840.10008.1.2.1)")
        .contains("slope 1, intercept -1024 → HU")
        .contains("••••••")
        .doesNotContain("CompressedSamples");
  }

  @Test
  void showIdentityRevealsIt() {
    var r = run("dicom", "info", "--show-identity", dicom.resolve("CT_small.dcm").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("CompressedSamples").doesNotContain("identity masked");
  }

  @Test
  void refusalsExitTwoWithTheFileAndReason(@TempDir Path tmp) throws Exception {
    var plan = run("dicom", "info", dicom.resolve("rtplan.dcm").toString());
    assertThat(plan.exit()).isEqualTo(2);
    assertThat(plan.err()).contains("rtplan.dcm").contains("no image");
    Path hevc = tmp.resolve("hevc.dcm");
    org.sentio.capture.dicom.DicomFile mr =
        org.sentio.capture.dicom.DicomParser.parse(dicom.resolve("MR_small.dcm"));
    org.sentio.capture.dicom.DicomWriter.write(
        hevc, mr.meta(), mr.dataset(), org.sentio.capture.dicom.TransferSyntax.HEVC);
    var unsupported = run("dicom", "info", hevc.toString());
    assertThat(unsupported.exit()).isEqualTo(2);
    assertThat(unsupported.err())
        .contains("hevc.dcm")
        .contains("HEVC/H.265 Main Profile / Level 5.1 (1.2.840.10008.1.2.4.107)");
    var missing = run("dicom", "info", dicom.resolve("nope.dcm").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.dcm").contains("no such file");
  }

  @Test
  void truncatedFileIsRefused(@TempDir Path tmp) throws Exception {
    byte[] all = Files.readAllBytes(dicom.resolve("CT_small.dcm"));
    Path cut = tmp.resolve("cut.dcm");
    Files.write(cut, Arrays.copyOf(all, all.length / 3));
    var r = run("dicom", "info", cut.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cut.dcm").contains("truncated");
  }

  @Test
  void infoOnTheFixtureFolderListsSeriesAndRefusals() {
    var r = run("dicom", "info", dicom.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("refused: ").contains("rtplan.dcm").contains("no image");
  }

  @Test
  void deidentifyWritesFilesWithoutIdentity(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    var r =
        run(
            "dicom",
            "deidentify",
            dicom.resolve("CT_small.dcm").toString(),
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<Path> files;
    try (Stream<Path> s = Files.list(out)) {
      files = s.toList();
    }
    assertThat(files).hasSize(1);
    DicomReader.Image img = DicomReader.readImage(files.get(0));
    assertThat(img.identity().name()).isEmpty();
    assertThat(img.frames().get(0).valueAt(64, 64)).isEqualTo(904.0);
    var again = run("dicom", "info", "--show-identity", files.get(0).toString());
    assertThat(again.out()).doesNotContain("CompressedSamples");
  }

  @Test
  void deidentifyNeedsOut() {
    var r = run("dicom", "deidentify", dicom.resolve("CT_small.dcm").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out");
  }
}
