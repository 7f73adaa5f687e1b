package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.AnnotatedWindows;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.app.store.PrivacyLedgerRepository;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.learning.privacy.DpFusionFitter;
import org.sentio.learning.privacy.RdpAccountant;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * {@code train fusion --from-annotations --dp} twice on the same labelled sessions of a real SQLite
 * store, with the real DJL trainer on small real pools: each run lands in the ledger, the second
 * composes with the first, and a third within the spent budget is refused.
 */
class PrivateTrainingLedgerTest {
  private static final MoeTrainer.Config SMALL =
      new MoeTrainer.Config(
          16, 8, 2, 16, 1, 64, 3e-3f, 1e-5f, 0.5f, 0.01f, 0.1f, 0.2f, 0.3, 0.5, 9L);
  private static Path models;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
    models = Path.of(root).resolve("resources/models").toAbsolutePath().normalize();
  }

  private static PrivateTraining options(double epsilon) {
    PrivateTraining p = new PrivateTraining();
    p.dp = true;
    p.epsilon = epsilon;
    p.delta = 1e-5;
    p.clip = 1.0;
    p.noise = 2.0;
    p.batch = 32;
    return p;
  }

  @Test
  void repeatedRunsOnTheSameSessionsComposeInTheLedger(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (SessionStore store = SessionStore.open(data)) {
      for (int s = 0; s < 2; s++) {
        long id = store.sessions().save(SampleSessions.sample("call " + s, 40));
        store.annotations().add(id, 0, 20, "happy", "ana", null);
      }
    }
    Map<Long, Integer> sessionWindows = new LinkedHashMap<>();
    AnnotatedWindows annotated;
    try (SessionStore store = TrainCommand.openExistingStore(data)) {
      annotated = TrainCommand.annotatedWindows(store, sessionWindows);
    }
    assertThat(sessionWindows).hasSize(2);
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    ModelRegistry registry = new ModelRegistry(models, "retrain with ./sentio train");
    FusionTraining.Plan plan =
        new FusionTraining.Plan(new FusionData.Limits(240, 28, 400), 240, 100, null, false)
            .withAnnotations(annotated, false);

    PrivateTraining first = options(20);
    DpFusionFitter fitter1 = first.fitter(SMALL, data, sessionWindows);
    Path out1 = dir.resolve("one").resolve(MoeFusion.MODEL);
    FusionTraining.run(host, registry, out1, SMALL, plan, fitter1, line -> {});
    first.record(data, out1, out1, sessionWindows);

    PrivateTraining second = options(20);
    DpFusionFitter fitter2 = second.fitter(SMALL, data, sessionWindows);
    Path out2 = dir.resolve("two").resolve(MoeFusion.MODEL);
    FusionTraining.run(host, registry, out2, SMALL, plan, fitter2, line -> {});
    second.record(data, out2, out2, sessionWindows);
    double alone = fitter2.result().spent().epsilon();
    double composed = fitter2.result().composed().epsilon();
    assertThat(composed).isGreaterThan(alone);

    try (SessionStore store = SessionStore.open(data);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      List<PrivacyLedgerRepository.Run> runs = ledger.runs();
      assertThat(runs).hasSize(2);
      assertThat(runs.get(0).sessionWindows()).isEqualTo(sessionWindows);
      assertThat(runs.get(1).epsilon()).isEqualTo(alone);
      RdpAccountant prior = ledger.priorFor(sessionWindows.keySet(), 1e-5);
      assertThat(prior.spent(1e-5).epsilon()).isEqualTo(composed);
    }

    assertThatThrownBy(() -> options(composed).fitter(SMALL, data, sessionWindows))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("privacy budget already spent");
  }
}
