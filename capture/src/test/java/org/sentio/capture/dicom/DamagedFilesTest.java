package org.sentio.capture.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged copies of every fixture (cut short, bytes flipped) open or are refused, never crash. */
class DamagedFilesTest {

  @ParameterizedTest
  @MethodSource("org.sentio.capture.dicom.DicomReaderTest#allFixtures")
  void damagedCopiesAreRefusedOrOpenedNeverCrashedOn(Path fixture, @TempDir Path tmp)
      throws Exception {
    byte[] all = Files.readAllBytes(fixture);
    Random random = new Random(fixture.getFileName().toString().hashCode());
    Path p = tmp.resolve(fixture.getFileName());
    for (int round = 0; round < 60; round++) {
      byte[] bad;
      if (round % 3 == 0) {
        bad = Arrays.copyOf(all, random.nextInt(all.length));
      } else {
        bad = all.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          // Damage mostly the header, where lengths and VRs live.
          int at = random.nextInt(Math.min(bad.length, round % 3 == 1 ? 1024 : bad.length));
          bad[at] = (byte) random.nextInt(256);
        }
      }
      Files.write(p, bad);
      try {
        DicomReader.Image img = DicomReader.readImage(p);
        assertThat(img.frames()).isNotEmpty();
      } catch (DicomException e) {
        assertThat(e.getMessage()).startsWith(p.toString() + ": ");
      }
    }
  }
}
