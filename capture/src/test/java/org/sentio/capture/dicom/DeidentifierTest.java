package org.sentio.capture.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeidentifierTest {

  static Path file(String name) {
    return DicomReaderTest.file(name);
  }

  /** Every tag in the dataset, sequences included. */
  static List<DicomElement> walk(DicomDataset ds) {
    List<DicomElement> all = new ArrayList<>();
    for (DicomElement e : ds.elements()) {
      all.add(e);
      if (e.isSequence()) {
        for (DicomDataset item : e.items()) {
          all.addAll(walk(item));
        }
      }
    }
    return all;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CT_small.dcm",
        "MR_small.dcm",
        "MR_small_implicit.dcm",
        "MR_small_bigendian.dcm",
        "MR_small_RLE.dcm",
        "MR_small_jp2klossless.dcm",
        "JPEG2000.dcm",
        "image_dfl.dcm",
        "no_meta.dcm",
        "SC_rgb_small_odd.dcm",
        "liver_1frame.dcm",
        "rtplan.dcm"
      })
  void exportHoldsNoProfileAttributeAndTheSamePixels(String name, @TempDir Path out)
      throws Exception {
    Path src = file(name);
    DicomFile before = DicomParser.parse(src);
    Deidentifier deid = new Deidentifier();
    Deidentifier.Export export = deid.export(src, out);
    assertThat(export.written()).hasSize(1);
    Path written = export.written().get(0);
    assertThat(written.getFileName().toString()).doesNotContain(name.replace(".dcm", ""));
    DicomFile after = DicomParser.parse(written);
    assertThat(after.hadPreamble()).isTrue();

    for (DicomElement e : walk(after.dataset())) {
      assertThat(Tag.isPrivate(e.tag())).as("private %s", Tag.toString(e.tag())).isFalse();
      BasicProfile.Rule rule = BasicProfile.rule(e.tag());
      if (rule == null) {
        continue;
      }
      switch (rule.action()) {
        case X -> throw new AssertionError(rule.name() + " must be removed");
        case Z -> assertThat(e.length()).as(rule.name()).isZero();
        case D -> assertThat(e.value()).as(rule.name()).isNotNull();
        case U -> {}
      }
    }
    // Every U attribute present before is replaced, consistently within the export.
    List<DicomElement> beforeAll = walk(before.dataset());
    for (DicomElement e : beforeAll) {
      BasicProfile.Rule rule = BasicProfile.rule(e.tag());
      if (rule != null && rule.action() == BasicProfile.Action.U && e.length() > 0) {
        String old = new String(e.value(), "ISO-8859-1").trim().replace("\0", "");
        assertThat(deid.replaceUid(old)).isNotEqualTo(old).startsWith("2.25.");
      }
    }
    String oldSop = before.dataset().getString(Tag.SOP_INSTANCE_UID, "");
    assertThat(after.dataset().getString(Tag.SOP_INSTANCE_UID, ""))
        .isEqualTo(deid.replaceUid(oldSop))
        .isNotEqualTo(oldSop);
    assertThat(after.meta().getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, ""))
        .isEqualTo(deid.replaceUid(oldSop));
    assertThat(after.dataset().getString(Tag.PATIENT_IDENTITY_REMOVED, "")).isEqualTo("YES");
    // Identity text appears nowhere in the written bytes.
    PatientIdentity id = PatientIdentity.of(before.dataset());
    String bytes = new String(Files.readAllBytes(written), "ISO-8859-1");
    for (String v : List.of(id.id(), before.dataset().getString(Tag.PATIENT_NAME, ""))) {
      if (v.length() > 3) {
        assertThat(bytes).doesNotContain(v);
      }
    }

    // Pixels are unchanged: raw Pixel Data and decoded values.
    DicomElement px0 = before.dataset().get(Tag.PIXEL_DATA).orElse(null);
    DicomElement px1 = after.dataset().get(Tag.PIXEL_DATA).orElse(null);
    if (px0 == null) {
      assertThat(px1).isNull();
      return;
    }
    if (px0.isEncapsulated()) {
      assertThat(px1.fragments()).hasSameSizeAs(px0.fragments());
      for (int i = 0; i < px0.fragments().size(); i++) {
        assertThat(px1.fragments().get(i)).isEqualTo(px0.fragments().get(i));
      }
    } else {
      assertThat(px1.value()).isEqualTo(px0.value());
    }
    try {
      DicomReader.Image a = DicomReader.decode(before);
      DicomReader.Image b = DicomReader.decode(after);
      for (int f = 0; f < a.frames().size(); f++) {
        assertThat(b.frames().get(f).stored()).isEqualTo(a.frames().get(f).stored());
      }
      assertThat(b.identity().name()).isEmpty();
      assertThat(b.identity().id()).isEmpty();
    } catch (DicomException undecodable) {
      // Raw pixel equality above is the check for syntaxes Sentio cannot decode.
    }
  }

  @Test
  void uidsAreReplacedConsistentlyAcrossTheFilesOfOneExport(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Files.copy(file("MR_small.dcm"), in.resolve("a.dcm"));
    Files.copy(file("MR_small_implicit.dcm"), in.resolve("b.dcm"));
    Files.writeString(in.resolve("notes.txt"), "not dicom, plain text for the refusal path");
    Deidentifier.Export export = new Deidentifier().export(in, tmp.resolve("out"));
    assertThat(export.refused()).hasSize(1);
    assertThat(export.refused().get(0).getMessage()).contains("notes.txt");
    List<String> studies = new ArrayList<>();
    for (Path p : export.written()) {
      DicomDataset ds = DicomParser.parse(p).dataset();
      studies.add(
          ds.getString(Tag.STUDY_INSTANCE_UID, "")
              + "|"
              + ds.getString(Tag.SERIES_INSTANCE_UID, ""));
    }
    // Same source study and series in both files: the same replacements in both.
    assertThat(export.written()).hasSize(2);
    assertThat(studies.stream().distinct()).hasSize(1);
    assertThat(studies.get(0)).startsWith("2.25.");
  }

  @Test
  void separateExportsGetDifferentUids() throws Exception {
    String uid = "1.2.840.113619.2.1.1.322987881.621.736170080.681";
    assertThat(new Deidentifier().replaceUid(uid)).isNotEqualTo(new Deidentifier().replaceUid(uid));
    Deidentifier d = new Deidentifier();
    assertThat(d.replaceUid(uid)).isEqualTo(d.replaceUid(uid));
    assertThat(d.replaceUid(uid).length()).isLessThanOrEqualTo(64);
  }
}
