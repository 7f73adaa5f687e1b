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
        case D -> assertThat(e.isSequence() || e.length() > 0).as(rule.name() + " dummy").isTrue();
        case U, K -> {}
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
  void profileHoldsEveryRowOfTable2021bWithItsCode() {
    List<BasicProfile.Rule> rules = BasicProfile.rules();
    assertThat(rules).hasSize(459);
    java.util.Map<String, Long> byCode =
        rules.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    BasicProfile.Rule::code, java.util.stream.Collectors.counting()));
    assertThat(byCode)
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "X", 285L, "U", 50L, "D", 45L, "Z", 38L, "X/D", 17L, "X/Z", 11L, "X/Z/D", 7L, "Z/D",
                4L, "X/Z/U*", 2L));
    assertThat(rules.stream().filter(r -> r.mask() == 0xFFFFFFFF).map(r -> r.vr()))
        .allSatisfy(vr -> assertThat(vr).matches("[A-Z]{2}"));
    assertThat(BasicProfile.rule(0x0040A730).code()).isEqualTo("D");
    assertThat(BasicProfile.rule(0x00081140).action()).isEqualTo(BasicProfile.Action.X);
    assertThat(BasicProfile.rule(0x50020010).name()).isEqualTo("Curve Data");
    assertThat(BasicProfile.rule(0x601E3000).name()).isEqualTo("Overlay Data");
    assertThat(BasicProfile.rule(0x60024000).name()).isEqualTo("Overlay Comments");
    assertThat(BasicProfile.rule(0x60000010)).as("Overlay Rows stay").isNull();
    assertThat(BasicProfile.rule(Tag.PIXEL_DATA)).isNull();
    assertThat(BasicProfile.rule(Tag.RESCALE_INTERCEPT)).isNull();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "X, X",
    "Z, Z",
    "D, D",
    "U, U",
    "K, K",
    "C, D",
    "Z/D, Z",
    "X/Z, X",
    "X/D, X",
    "X/Z/D, X",
    "X/Z/U*, X"
  })
  void everyActionCodeMapsToAnOperation(String code, BasicProfile.Action action) {
    assertThat(BasicProfile.Action.forCode(code)).isEqualTo(action);
  }

  @Test
  void unknownActionCodeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BasicProfile.Action.forCode("Q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Q");
  }

  /**
   * Every attribute of the table, with a value of its VR (and, in an implicit-VR file, no VR on
   * disk), comes out of an export acted on as its rule says.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(
      value = TransferSyntax.class,
      names = {"EXPLICIT_VR_LITTLE_ENDIAN", "IMPLICIT_VR_LITTLE_ENDIAN"})
  void everyProfileAttributeIsActedOnAsItsRuleSays(TransferSyntax syntax, @TempDir Path tmp)
      throws Exception {
    DicomFile mr = DicomParser.parse(file("MR_small.dcm"));
    DicomDataset ds = mr.dataset();
    java.util.Map<Integer, String> uidsBefore = new java.util.HashMap<>();
    int n = 0;
    for (BasicProfile.Rule rule : BasicProfile.rules()) {
      int tag = rule.mask() == 0xFFFFFFFF ? rule.tag() : rule.tag() | 0x00020000;
      if ((tag >>> 16) < 0x0008 || (tag >>> 16) >= 0xFFFA) {
        continue; // command, file meta and DICOMDIR groups; digital signatures and padding
      }
      String vr = rule.vr().isEmpty() ? "OB" : rule.vr();
      n++;
      switch (vr) {
        case "SQ" -> {
          DicomDataset item = new DicomDataset(false);
          item.putString(Tag.PATIENT_NAME, "PN", "Nested^Identity" + n);
          ds.put(DicomElement.ofSequence(tag, List.of(item)));
        }
        case "UI" -> {
          String uid = "1.2.826.0.1.3680043.8.498." + n;
          uidsBefore.put(tag, uid);
          ds.putString(tag, vr, uid);
        }
        case "US", "SS" -> ds.putInts(tag, vr, n);
        case "UL", "SL" -> ds.putInts(tag, vr, n);
        case "FL", "FD", "OB", "OW", "OD", "OF", "OL", "OV", "SV", "UV", "AT", "UN" ->
            ds.put(DicomElement.ofValue(tag, vr, new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) n}));
        case "DA" -> ds.putString(tag, vr, "20190401");
        case "TM" -> ds.putString(tag, vr, "101112");
        case "DT" -> ds.putString(tag, vr, "20190401101112");
        case "AS" -> ds.putString(tag, vr, "042Y");
        case "DS", "IS" -> ds.putString(tag, vr, String.valueOf(n));
        default -> ds.putString(tag, vr, "IDENTITY" + n);
      }
    }
    assertThat(n).isGreaterThan(400);
    Path in = tmp.resolve("every_attribute.dcm");
    DicomWriter.write(in, mr.meta(), ds, syntax);

    Deidentifier deid = new Deidentifier();
    Path written = deid.export(in, tmp.resolve("out")).written().get(0);
    DicomDataset after = DicomParser.parse(written).dataset();
    for (BasicProfile.Rule rule : BasicProfile.rules()) {
      int tag = rule.mask() == 0xFFFFFFFF ? rule.tag() : rule.tag() | 0x00020000;
      if ((tag >>> 16) < 0x0008 || (tag >>> 16) >= 0xFFFA) {
        continue;
      }
      java.util.Optional<DicomElement> e = after.get(tag);
      String what = Tag.toString(tag) + " " + rule.name() + " (" + rule.code() + ")";
      switch (rule.action()) {
        case X -> assertThat(e).as(what).isEmpty();
        case Z -> {
          assertThat(e).as(what).isPresent();
          assertThat(e.get().length()).as(what).isZero();
          assertThat(e.get().isSequence() ? e.get().items() : List.of()).as(what).isEmpty();
        }
        case D -> {
          assertThat(e).as(what).isPresent();
          if ("SQ".equals(rule.vr())) {
            assertThat(e.get().items()).as(what).isEmpty();
          } else {
            assertThat(e.get().length()).as(what).isPositive();
            assertThat(new String(e.get().value(), "ISO-8859-1"))
                .as(what)
                .doesNotContain("IDENTITY");
          }
        }
        case U -> {
          assertThat(e).as(what).isPresent();
          String old = uidsBefore.get(tag);
          assertThat(after.getString(tag, "")).as(what).isEqualTo(deid.replaceUid(old));
        }
        case K -> throw new AssertionError("the Basic Profile keeps nothing by K: " + what);
      }
    }
    String bytes = new String(Files.readAllBytes(written), "ISO-8859-1");
    assertThat(bytes).doesNotContain("IDENTITY").doesNotContain("Nested^Identity");
    DicomElement method = after.get(Tag.DEIDENTIFICATION_METHOD_CODE_SEQUENCE).orElseThrow();
    assertThat(method.items().get(0).getString(Tag.CODE_VALUE, ""))
        .isEqualTo(Deidentifier.BASIC_PROFILE_CODE);
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
    assertThat(export.written()).hasSize(2).doesNotHaveDuplicates();
    // Both encode the same instance (one SOP Instance UID): the second is not written over the
    // first.
    assertThat(export.written().get(1).getFileName().toString()).endsWith("_2.dcm");
    assertThat(export.warnings()).anySatisfy(w -> assertThat(w).contains("b.dcm", "_2.dcm"));
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
