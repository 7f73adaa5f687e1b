package org.sentio.capture.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DicomReaderTest {

  static Path dir() {
    return Path.of(System.getProperty("sentio.shared.dir", "../../shared"), "testdata", "dicom");
  }

  static Path file(String name) {
    return dir().resolve(name);
  }

  static Stream<Path> allFixtures() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("allFixtures")
  void everyFixtureOpensOrIsRefusedNamingFileAndReason(Path p) {
    try {
      DicomReader.Image img = DicomReader.readImage(p);
      assertThat(img.frames()).isNotEmpty();
      DicomSlice s = img.frames().get(0);
      assertThat(s.stored()).hasSize(s.width() * s.height());
    } catch (DicomException e) {
      assertThat(e.getMessage()).startsWith(p.toString() + ": ");
      assertThat(e.reason()).isNotBlank();
      // Every image fixture opens; only the RT plan (no pixel data) is refused.
      assertThat(p.getFileName().toString()).as(e.getMessage()).isEqualTo("rtplan.dcm");
    }
  }

  @Test
  void ctSmallHounsfieldIsSlopeTimesStoredPlusIntercept() throws Exception {
    DicomReader.Image img = DicomReader.readImage(file("CT_small.dcm"));
    ImageInfo info = img.info();
    assertThat(info.hounsfield()).isTrue();
    assertThat(info.rows()).isEqualTo(128);
    assertThat(info.columns()).isEqualTo(128);
    assertThat(info.rescaleSlope()).isEqualTo(1.0);
    assertThat(info.rescaleIntercept()).isEqualTo(-1024.0);
    DicomSlice s = img.frames().get(0);
    assertThat(s.valueAt(0, 0)).isEqualTo(-849.0);
    assertThat(s.valueAt(64, 64)).isEqualTo(904.0);
    for (int[] xy : new int[][] {{0, 0}, {64, 64}, {10, 100}, {127, 127}}) {
      assertThat(s.valueAt(xy[0], xy[1]))
          .isEqualTo(info.rescaleSlope() * s.storedAt(xy[0], xy[1]) + info.rescaleIntercept());
    }
    assertThat(s.values()[64 * 128 + 64]).isEqualTo(904f);
    assertThat(img.identity().name()).isNotEmpty();
    assertThat(img.identity().masked().name()).isEqualTo(PatientIdentity.MASK);
    assertThat(info.imagePosition()).hasSize(3);
    assertThat(info.pixelSpacing()).hasSize(2);
  }

  @Test
  void rtPlanIsRefusedAsNoImage() {
    assertThatThrownBy(() -> DicomReader.readImage(file("rtplan.dcm")))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("rtplan.dcm")
        .hasMessageContaining("no image");
  }

  @Test
  void truncatedCtIsRefusedNotCrashedOn(@TempDir Path tmp) throws Exception {
    byte[] all = Files.readAllBytes(file("CT_small.dcm"));
    for (int cut : new int[] {0, 3, 100, 131, 200, 700, 1500, all.length / 2, all.length - 1}) {
      Path p = tmp.resolve("CT_small_cut" + cut + ".dcm");
      Files.write(p, Arrays.copyOf(all, cut));
      assertThatThrownBy(() -> DicomReader.readImage(p))
          .as("cut at %d", cut)
          .isInstanceOf(DicomException.class)
          .hasMessageStartingWith(p.toString() + ": ");
    }
  }

  @Test
  void notDicomIsRefused(@TempDir Path tmp) throws Exception {
    Path p = tmp.resolve("notes.txt");
    Files.writeString(p, "hello, this is not a medical image at all, just some text");
    assertThatThrownBy(() -> DicomReader.readImage(p))
        .isInstanceOf(DicomException.class)
        .hasMessageContaining("not a DICOM file");
  }

  @ParameterizedTest
  @MethodSource("mrVariants")
  void mrVariantsDecodeToTheSamePixels(String name) throws Exception {
    int[] reference = DicomReader.readImage(file("MR_small.dcm")).frames().get(0).stored();
    DicomReader.Image img = DicomReader.readImage(file(name));
    assertThat(img.frames().get(0).stored()).isEqualTo(reference);
  }

  static List<String> mrVariants() {
    return List.of(
        "MR_small_implicit.dcm",
        "MR_small_bigendian.dcm",
        "MR_small_RLE.dcm",
        "MR_small_jp2klossless.dcm",
        "MR_small_jpeg_ls_lossless.dcm");
  }

  /** MR_small's dataset labelled with a syntax Sentio cannot decode. */
  static Path relabelled(Path dir, TransferSyntax ts) throws Exception {
    DicomFile mr = DicomParser.parse(file("MR_small.dcm"));
    Path p = dir.resolve("MR_" + ts.name() + ".dcm");
    DicomWriter.write(p, mr.meta(), mr.dataset(), ts);
    return p;
  }

  @Test
  void unsupportedSyntaxIsRefusedWithNameAndUid(@TempDir Path tmp) throws Exception {
    Path hevc = relabelled(tmp, TransferSyntax.HEVC);
    assertThatThrownBy(() -> DicomReader.readImage(hevc))
        .isInstanceOf(DicomException.class)
        .hasMessageStartingWith(hevc + ": ")
        .hasMessageContaining("HEVC/H.265 Main Profile / Level 5.1 (1.2.840.10008.1.2.4.107)");
    byte[] b = Files.readAllBytes(hevc);
    String text =
        new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
            .replace("1.2.840.10008.1.2.4.107", "1.2.840.99999.1.2.4.107");
    Path unknown = tmp.resolve("unknown.dcm");
    Files.write(unknown, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> DicomReader.readImage(unknown))
        .hasMessageContaining("unsupported transfer syntax: unknown (1.2.840.99999.1.2.4.107)");
  }

  @Test
  void damagedJpegLsIsRefusedNotCrashedOn(@TempDir Path tmp) throws Exception {
    DicomFile f = DicomParser.parse(file("MR_small_jpeg_ls_lossless.dcm"));
    DicomElement px = f.dataset().get(Tag.PIXEL_DATA).orElseThrow();
    byte[] frame = px.fragments().get(1);
    for (int cut : new int[] {2, 20, frame.length / 2}) {
      DicomDataset ds = f.dataset();
      ds.put(
          DicomElement.ofFragments(
              Tag.PIXEL_DATA, px.vr(), List.of(new byte[0], Arrays.copyOf(frame, cut))));
      Path p = tmp.resolve("ls" + cut + ".dcm");
      DicomWriter.write(p, f.meta(), ds, f.transferSyntax());
      try {
        DicomReader.readImage(p);
      } catch (DicomException e) {
        assertThat(e.getMessage()).startsWith(p.toString());
      }
    }
  }

  @Test
  void deflatedAndNoMetaAndBigEndianOpen() throws Exception {
    assertThat(DicomReader.readImage(file("image_dfl.dcm")).info().transferSyntax())
        .isEqualTo(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    DicomReader.Image noMeta = DicomReader.readImage(file("no_meta.dcm"));
    assertThat(noMeta.file().hadPreamble()).isFalse();
    assertThat(noMeta.frames().get(0).valueAt(64, 64)).isEqualTo(904.0);
    assertThat(DicomReader.readImage(file("ExplVR_BigEnd.dcm")).info().transferSyntax())
        .isEqualTo(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
  }

  @Test
  void jpeg2000Opens() throws Exception {
    DicomReader.Image img = DicomReader.readImage(file("JPEG2000.dcm"));
    assertThat(img.info().transferSyntax().codec()).isEqualTo(TransferSyntax.Codec.JPEG_2000);
    assertThat(Arrays.stream(img.frames().get(0).stored()).distinct().count()).isGreaterThan(10);
  }

  @Test
  void rgbOddDimensionsOpen() throws Exception {
    DicomReader.Image img = DicomReader.readImage(file("SC_rgb_small_odd.dcm"));
    assertThat(img.info().colour()).isTrue();
    assertThat(img.info().columns() * img.info().rows())
        .isEqualTo(img.frames().get(0).stored().length);
  }

  @Test
  void folderIsReadIntoSortedSeriesAndListsRefusals(@TempDir Path tmp) throws Exception {
    // Three copies of CT_small at different positions, written out of order.
    DicomFile ct = DicomParser.parse(file("CT_small.dcm"));
    double[] z = {30, 10, 20};
    for (int i = 0; i < 3; i++) {
      DicomDataset ds = ct.dataset();
      ds.putString(Tag.IMAGE_POSITION_PATIENT, "DS", "0\\0\\" + (int) z[i]);
      ds.putString(Tag.INSTANCE_NUMBER, "IS", String.valueOf(i + 1));
      ds.putString(Tag.SOP_INSTANCE_UID, "UI", "1.2.3.4." + i);
      DicomWriter.write(tmp.resolve("s" + i + ".dcm"), ct.meta(), ds, ct.transferSyntax());
    }
    Files.copy(file("rtplan.dcm"), tmp.resolve("plan.dcm"));
    DicomReader.FolderResult r = DicomReader.read(tmp);
    assertThat(r.series()).hasSize(1);
    assertThat(r.refused()).hasSize(1);
    assertThat(r.refused().get(0).getMessage()).contains("plan.dcm").contains("no image");
    DicomSeries s = r.series().get(0);
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.slices().stream().map(x -> x.info().imagePosition()[2]).toList())
        .containsExactly(10.0, 20.0, 30.0);
  }

  @Test
  void multiFrameFramesBecomeSlices() throws Exception {
    DicomReader.Image img = DicomReader.readImage(file("liver_1frame.dcm"));
    assertThat(img.frames()).hasSize(img.info().frames());
  }
}
