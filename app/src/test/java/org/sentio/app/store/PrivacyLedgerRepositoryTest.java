package org.sentio.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.learning.privacy.RdpAccountant;

/** The privacy ledger in a real SQLite file: runs survive reopening and compose per session. */
class PrivacyLedgerRepositoryTest {

  @Test
  void runsAreKeptAcrossReopeningWithTheirSessions(@TempDir Path dir) throws Exception {
    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      ledger.record(
          "candidates/fusion-moe", "abc", 0.016, 1.0, 1.0, 200, 1e-5, 1.7, Map.of(3L, 40));
    }
    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      List<PrivacyLedgerRepository.Run> runs = ledger.runs();
      assertThat(runs).hasSize(1);
      PrivacyLedgerRepository.Run run = runs.get(0);
      assertThat(run.sessionWindows()).containsExactly(Map.entry(3L, 40));
      assertThat(run.windows()).isEqualTo(40);
      assertThat(run.steps()).isEqualTo(200);
      assertThat(run.epsilon()).isEqualTo(1.7);
      assertThat(run.accountant()).contains("Mironov");
    }
  }

  @Test
  void repeatedRunsOnTheSameSessionComposeAndOtherSessionsStartAfresh(@TempDir Path dir)
      throws Exception {
    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      ledger.record("a", null, 0.02, 1.0, 1.0, 300, 1e-5, 1.0, Map.of(1L, 10, 2L, 5));
      ledger.record("b", null, 0.02, 1.0, 1.0, 200, 1e-5, 0.8, Map.of(2L, 5));
      ledger.record("c", null, 0.05, 1.5, 2.0, 100, 1e-5, 0.9, Map.of(7L, 8));

      // Session 2 was read by runs a and b: 500 steps in all, the worst of {1, 2}.
      RdpAccountant prior = ledger.priorFor(List.of(1L, 2L), 1e-5);
      double both = new RdpAccountant().plusSteps(0.02, 1.0, 500).spent(1e-5).epsilon();
      assertThat(prior.spent(1e-5).epsilon()).isCloseTo(both, within(1e-12));
      assertThat(ledger.priorFor(List.of(1L), 1e-5).spent(1e-5).epsilon())
          .isCloseTo(
              new RdpAccountant().plusSteps(0.02, 1.0, 300).spent(1e-5).epsilon(), within(1e-12));
      assertThat(ledger.priorFor(List.of(42L), 1e-5).isEmpty()).isTrue();
    }
  }
}
