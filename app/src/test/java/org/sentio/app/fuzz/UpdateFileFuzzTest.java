package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.sentio.learning.federated.UpdateFile;

/**
 * Federated update files ({@code .sfu}, {@code sentio federate aggregate}): any bytes either read
 * as an update or are refused with one {@link UpdateFile.UpdateFileException} line. The harness
 * appends the SHA-256 trailer the format ends with, so that the fuzzer gets past the checksum into
 * the header and the payload; every fourth input is passed as it is, trailer untouched.
 */
class UpdateFileFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("sfu");

  @FuzzTest(maxDuration = "60s")
  void anyUpdateFileReadsOrIsRefusedInOneLine(byte[] bytes) throws Exception {
    byte[] file = bytes;
    if (bytes.length % 4 != 0) {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(bytes);
      file = new byte[bytes.length + sum.length];
      System.arraycopy(bytes, 0, file, 0, bytes.length);
      System.arraycopy(sum, 0, file, bytes.length, sum.length);
    }
    Path path = FuzzFiles.write(DIR.resolve("site" + UpdateFile.EXTENSION), file);
    try {
      UpdateFile.Update update = UpdateFile.read(path);
      if (update.baseSha256() == null || update.weightDelta() == null) {
        throw new AssertionError("an update without base or delta was accepted");
      }
    } catch (UpdateFile.UpdateFileException e) {
      FuzzFiles.assertOneLine(e);
    }
  }
}
