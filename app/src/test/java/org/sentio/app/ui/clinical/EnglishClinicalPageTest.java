package org.sentio.app.ui.clinical;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.live.Microphones;

/**
 * Tests of the English clinical page on the virtual face camera without a microphone: the page is
 * shown before each test and closed after it, with a temporary folder for what the test writes.
 */
abstract class EnglishClinicalPageTest {
  @TempDir Path temp;
  ClinicalHarness app;

  @BeforeEach
  void open() throws Exception {
    app = ClinicalHarness.open("en", ClinicalHarness.FACE, Microphones.NONE);
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }
}
