package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.sentio.capture.dicom.DicomException;
import org.sentio.capture.dicom.DicomReader;

/**
 * DICOM files (clinical mode, {@code sentio dicom}): any bytes either read as an image with at
 * least one frame of the size its header gives, or are refused with one {@link DicomException} line
 * naming the file; nothing else may escape (no exception of the parser's own, no runaway
 * allocation).
 */
class DicomFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("dicom");

  @FuzzTest(maxDuration = "60s")
  void anyDicomFileReadsOrIsRefusedInOneLine(byte[] bytes) {
    Path file = FuzzFiles.write(DIR.resolve("slice.dcm"), bytes);
    try {
      DicomReader.Image image = DicomReader.readImage(file);
      if (image.frames().isEmpty()) {
        throw new AssertionError("an image without frames was accepted");
      }
    } catch (DicomException e) {
      FuzzFiles.assertOneLine(e);
    }
  }
}
