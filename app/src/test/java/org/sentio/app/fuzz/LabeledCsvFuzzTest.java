package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.sentio.affect.evaluate.LabeledSet;

/**
 * Labelled CSVs for {@code sentio evaluate}: any bytes either read or are refused with one {@link
 * LabeledSet.InvalidException} line; nothing else may escape.
 */
class LabeledCsvFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("labeled");

  @FuzzTest(maxDuration = "60s")
  void anyCsvReadsOrIsRefusedInOneLine(FuzzedDataProvider data) {
    boolean skipUnknown = data.consumeBoolean();
    Path csv = FuzzFiles.write(DIR.resolve("labels.csv"), data.consumeRemainingAsBytes());
    try {
      LabeledSet set = LabeledSet.read(csv, skipUnknown);
      set.rows().forEach(r -> r.modalities());
    } catch (LabeledSet.InvalidException e) {
      FuzzFiles.assertOneLine(e);
    }
  }
}
