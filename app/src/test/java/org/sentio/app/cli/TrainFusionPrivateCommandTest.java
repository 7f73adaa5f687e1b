package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sentio.app.store.PrivacyLedgerRepository;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;

/**
 * {@code sentio train fusion --dp} refusals with a real SQLite store: parameters that give no
 * guarantee, and a budget the ledger says is spent; nothing in the store changes on a refusal.
 */
class TrainFusionPrivateCommandTest {

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
  }

  private static long labelledSession(Path dir) throws Exception {
    try (SessionStore store = SessionStore.open(dir)) {
      long id = store.sessions().save(SampleSessions.sample("call", 20));
      store.annotations().add(id, 0, 10, "happy", "ana", null);
      return id;
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--noise 0 | the noise multiplier must be above 0",
        "--clip -1 | the clipping norm must be above 0",
        "--epsilon 0 | the privacy budget epsilon must be above 0",
        "--delta 1.5 | delta must lie in (0, 1/n]",
        "--batch 0 | the expected batch must lie in",
      })
  void refusesParametersThatGiveNoGuarantee(String option, String message, @TempDir Path dir)
      throws Exception {
    labelledSession(dir);
    String[] o = option.split(" ");
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "train",
            "fusion",
            "--from-annotations",
            "--dp",
            o[0],
            o[1],
            "--data-dir",
            dir.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("train fusion --dp: " + message);
    assertThat(dir.resolve("candidates")).doesNotExist();
  }

  @Test
  void refusesWhenTheLedgerSaysTheBudgetIsSpentAndChangesNothing(@TempDir Path dir)
      throws Exception {
    long id = labelledSession(dir);
    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      ledger.record("earlier", null, 0.05, 0.8, 1.0, 2000, 1e-5, 9.0, Map.of(id, 19));
    }
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "train", "fusion", "--from-annotations", "--dp", "--data-dir", dir.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("privacy budget already spent").contains("of the budget 2.0");
    assertThat(r.err().lines().filter(l -> l.startsWith("sentio:"))).hasSize(1);
    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      assertThat(ledger.runs()).hasSize(1);
    }
    assertThat(dir.resolve("candidates")).doesNotExist();

    EvaluateCommandTest.Run ledger =
        EvaluateCommandTest.run("privacy", "ledger", "--data-dir", dir.toString());
    assertThat(ledger.exit()).as(ledger.err()).isZero();
    assertThat(ledger.out())
        .contains("run 1")
        .contains("19 windows from 1 sessions")
        .contains("session " + id + ": composed epsilon");
  }

  @Test
  void modelsListShowsTheEpsilonOfADifferentiallyPrivateModel(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("manifest.json"),
        "{\"name\": \"fusion-moe\", \"privacy\": {\"epsilon\": 1.9990291,"
            + " \"delta\": 1.0E-5, \"noiseMultiplier\": 1.0, \"clip\": 1.0}}");
    assertThat(ModelsCommand.privacy(new org.sentio.runtime.InstalledModel(null, dir)))
        .isEqualTo(
            "differentially private: epsilon 1.999 at delta 1.0E-5 (DP-SGD, sigma 1.0, clip 1.0)");
    java.nio.file.Files.writeString(dir.resolve("manifest.json"), "{\"name\": \"fusion-moe\"}");
    assertThat(ModelsCommand.privacy(new org.sentio.runtime.InstalledModel(null, dir))).isEmpty();
  }
}
