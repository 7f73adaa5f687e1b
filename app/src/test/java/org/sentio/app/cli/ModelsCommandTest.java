package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sentio models list} on the shipped models: one row per model, its columns aligned. */
class ModelsCommandTest {

  @Test
  void everyModelsVersionStartsInTheSameColumnWhateverTheLengthOfItsName() {
    EvaluateCommandTest.Run listed = EvaluateCommandTest.run("models", "list");

    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("face-expression-ensemble-noflip", "voice-affect");
    List<Integer> columns = versionColumns(listed.out());
    assertThat(columns)
        .as("where each model's version starts, in:%n%s", listed.out())
        .hasSizeGreaterThan(10)
        .containsOnly(columns.get(0));
  }

  /** The column at which the version starts on each model row of {@code sentio models list}. */
  private static List<Integer> versionColumns(String listing) {
    List<Integer> columns = new ArrayList<>();
    boolean models = false;
    for (String line : listing.split("\\R")) {
      if (line.startsWith("Models in ")) {
        models = true;
      } else if (!line.startsWith("  ")) {
        models = false;
      } else if (models && line.charAt(2) != ' ') {
        int version = line.indexOf(' ', 2);
        while (line.charAt(version) == ' ') {
          version++;
        }
        columns.add(version);
      }
    }
    return columns;
  }
}
