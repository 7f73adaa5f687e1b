package org.sentio.capture.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Enhanced multi-frame files keep each frame's position, and often its rescale, in functional
 * groups rather than at the top level. No such CT lies in testdata, so one is built here from
 * CT_small's pixels with our writer.
 */
class EnhancedMultiFrameTest {

  /** Frame k holds CT_small's stored values plus 100·k, at position {@code ALONG_NORMAL[k]}. */
  private static final double[] ALONG_NORMAL = {30, 10, 40, 20};

  private static final int FRAME_WITH_OWN_RESCALE = 3;

  @ParameterizedTest
  @EnumSource(
      value = TransferSyntax.class,
      names = {"EXPLICIT_VR_LITTLE_ENDIAN", "IMPLICIT_VR_LITTLE_ENDIAN"})
  void framesAreSortedByTheirOwnPositionAlongTheNormalWithPerFrameRescale(
      TransferSyntax syntax, @TempDir Path tmp) throws Exception {
    Path file = writeEnhancedCt(tmp.resolve("enhanced_ct.dcm"), syntax);

    DicomReader.FolderResult result = DicomReader.read(file);
    assertThat(result.series()).hasSize(1);
    DicomSeries series = result.series().get(0);
    assertThat(series.size()).isEqualTo(4);
    // Coronal orientation: the normal is +y, so the order follows y while z stays 0.
    assertThat(series.slices().stream().map(DicomSlice::frame).toList())
        .containsExactly(1, 3, 0, 2);
    assertThat(series.slices().stream().map(s -> s.info().imagePosition()[1]).toList())
        .containsExactly(10.0, 20.0, 30.0, 40.0);

    for (DicomSlice s : series.slices()) {
      ImageInfo info = s.info();
      assertThat(info.imageOrientation()).containsExactly(1, 0, 0, 0, 0, -1);
      assertThat(info.pixelSpacing()).containsExactly(0.5, 0.75);
      assertThat(info.sliceThickness()).isEqualTo(2.5);
      assertThat(info.rescaleSlope()).isEqualTo(1.0);
      double intercept = s.frame() == FRAME_WITH_OWN_RESCALE ? -1000.0 : -1024.0;
      assertThat(info.rescaleIntercept()).as("frame %d", s.frame()).isEqualTo(intercept);
      // CT_small's HU at (64,64) is 904 with intercept -1024, from stored 1928.
      assertThat(s.valueAt(64, 64)).isEqualTo(1928 + 100.0 * s.frame() + intercept);
      assertThat(s.valueAt(0, 0)).isEqualTo(info.rescaleSlope() * s.storedAt(0, 0) + intercept);
    }
  }

  @Test
  void framesOfAFolderSeriesAndSingleFilesInterleaveByPosition(@TempDir Path tmp) throws Exception {
    writeEnhancedCt(tmp.resolve("enhanced_ct.dcm"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    DicomFile ct = DicomParser.parse(DicomReaderTest.file("CT_small.dcm"));
    DicomDataset single = ct.dataset();
    single.putString(Tag.IMAGE_POSITION_PATIENT, "DS", "0\\25\\0");
    single.putString(Tag.IMAGE_ORIENTATION_PATIENT, "DS", "1\\0\\0\\0\\0\\-1");
    single.putString(Tag.SERIES_INSTANCE_UID, "UI", SERIES_UID);
    DicomWriter.write(tmp.resolve("single.dcm"), ct.meta(), single, ct.transferSyntax());

    DicomSeries series = DicomReader.read(tmp).series().get(0);
    assertThat(series.slices().stream().map(s -> s.info().imagePosition()[1]).toList())
        .containsExactly(10.0, 20.0, 25.0, 30.0, 40.0);
  }

  @Test
  void segmentationFixtureTakesPositionFromPerFrameAndSpacingFromSharedGroups() throws Exception {
    DicomReader.Image img = DicomReader.readImage(DicomReaderTest.file("liver_1frame.dcm"));
    ImageInfo frame = img.frames().get(0).info();
    assertThat(frame.imagePosition()).containsExactly(-235.2, -226.8, -128.69);
    assertThat(frame.imageOrientation()).containsExactly(1, 0, 0, 0, 1, 0);
    assertThat(frame.pixelSpacing()).containsExactly(0.810547, 0.810547);
    assertThat(frame.sliceThickness()).isEqualTo(1.0);
  }

  private static final String SERIES_UID = "1.2.826.0.1.3680043.8.498.4242";

  /** CT_small turned into a 4-frame Enhanced CT with functional groups, frames out of order. */
  private static Path writeEnhancedCt(Path out, TransferSyntax syntax) throws Exception {
    DicomFile ct = DicomParser.parse(DicomReaderTest.file("CT_small.dcm"));
    DicomDataset ds = ct.dataset();
    byte[] frame = ds.get(Tag.PIXEL_DATA).orElseThrow().value();
    int pixels = frame.length / 2;
    byte[] all = new byte[frame.length * ALONG_NORMAL.length];
    for (int k = 0; k < ALONG_NORMAL.length; k++) {
      for (int i = 0; i < pixels; i++) {
        int v = (short) ((frame[2 * i] & 0xFF) | (frame[2 * i + 1] & 0xFF) << 8) + 100 * k;
        all[k * frame.length + 2 * i] = (byte) v;
        all[k * frame.length + 2 * i + 1] = (byte) (v >> 8);
      }
    }
    ds.put(DicomElement.ofValue(Tag.PIXEL_DATA, "OW", all));
    ds.putString(Tag.NUMBER_OF_FRAMES, "IS", String.valueOf(ALONG_NORMAL.length));
    ds.putString(Tag.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.2.1");
    ds.putString(Tag.SERIES_INSTANCE_UID, "UI", SERIES_UID);
    for (int tag :
        new int[] {
          Tag.IMAGE_POSITION_PATIENT,
          Tag.IMAGE_ORIENTATION_PATIENT,
          Tag.PIXEL_SPACING,
          Tag.SLICE_THICKNESS,
          Tag.RESCALE_SLOPE,
          Tag.RESCALE_INTERCEPT
        }) {
      ds.remove(tag);
    }

    DicomDataset shared = new DicomDataset(false);
    shared.put(
        macro(Tag.PLANE_ORIENTATION_SEQUENCE, Tag.IMAGE_ORIENTATION_PATIENT, "1\\0\\0\\0\\0\\-1"));
    DicomDataset measures = new DicomDataset(false);
    measures.putString(Tag.PIXEL_SPACING, "DS", "0.5\\0.75");
    measures.putString(Tag.SLICE_THICKNESS, "DS", "2.5");
    shared.put(DicomElement.ofSequence(Tag.PIXEL_MEASURES_SEQUENCE, List.of(measures)));
    shared.put(rescale("-1024"));
    ds.put(DicomElement.ofSequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, List.of(shared)));

    List<DicomDataset> perFrame = new java.util.ArrayList<>();
    for (int k = 0; k < ALONG_NORMAL.length; k++) {
      DicomDataset item = new DicomDataset(false);
      item.put(
          macro(
              Tag.PLANE_POSITION_SEQUENCE,
              Tag.IMAGE_POSITION_PATIENT,
              "0\\" + (int) ALONG_NORMAL[k] + "\\0"));
      if (k == FRAME_WITH_OWN_RESCALE) {
        item.put(rescale("-1000"));
      }
      perFrame.add(item);
    }
    ds.put(DicomElement.ofSequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame));
    DicomWriter.write(out, ct.meta(), ds, syntax);
    return out;
  }

  private static DicomElement macro(int sequence, int tag, String value) {
    DicomDataset item = new DicomDataset(false);
    item.putString(tag, "DS", value);
    return DicomElement.ofSequence(sequence, List.of(item));
  }

  private static DicomElement rescale(String intercept) {
    DicomDataset item = new DicomDataset(false);
    item.putString(Tag.RESCALE_INTERCEPT, "DS", intercept);
    item.putString(Tag.RESCALE_SLOPE, "DS", "1");
    item.putString(Tag.RESCALE_TYPE, "LO", "HU");
    return DicomElement.ofSequence(Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, List.of(item));
  }
}
