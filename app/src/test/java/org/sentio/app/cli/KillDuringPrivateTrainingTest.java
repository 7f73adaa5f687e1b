package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.runtime.ModelRegistry;

/**
 * {@code kill -9} of a real child {@code sentio train fusion --from-annotations --dp} on a real
 * store with labelled sessions: once the moment the candidate model first appears on disk, then at
 * random moments over a whole run. After every kill the store passes {@code PRAGMA
 * integrity_check}, every privacy ledger run is whole (its sessions recorded, their windows adding
 * up), and a candidate model on disk is always one the ledger knows (its sha256 recorded).
 */
class KillDuringPrivateTrainingTest {
  /** Random kills per run (CI: 2); {@code -Dsentio.kill.count=10} for a longer run. */
  private static final int KILLS = Integer.getInteger("sentio.kill.count", 2);

  /** Seed of the kill moments; {@code -Dsentio.kill.seed=N} tries other moments. */
  private static final long SEED = Long.getLong("sentio.kill.seed", 20261202L);

  /**
   * Faces, voice clips and texts of the shared data each child reads: the kills need a training run
   * in progress, not the full data, and reading all of it costs each run half a minute.
   */
  private static final String SAMPLE = "240,28,400";

  private static Path root;

  @TempDir Path work;

  @BeforeAll
  static void locate() {
    root = Path.of(System.getProperty("sentio.root.dir", "..")).toAbsolutePath().normalize();
  }

  @Test
  void killedDpTrainingLeavesNoCandidateWithoutItsLedgerRunAndNoHalfRun() throws Exception {
    Path data = work.resolve("data");
    try (SessionStore store = SessionStore.open(data)) {
      long id = store.sessions().save(SampleSessions.sample("call", 40));
      store.annotations().add(id, 0, 20, "happy", "ana", null);
    }
    Path candidate = data.resolve("candidates").resolve(MoeFusion.MODEL);
    List<String> outcomes = new ArrayList<>();

    // The moment the old code left a whole candidate on disk before its ledger entry.
    Process first = train(data);
    boolean appeared = false;
    while (first.isAlive() && !appeared) {
      appeared = Files.exists(candidate.resolve("model.onnx"));
      if (!appeared) {
        Thread.sleep(5);
      }
    }
    first.destroyForcibly().waitFor(); // SIGKILL on Linux
    outcomes.add("when the candidate appeared: " + (appeared ? "killed" : "finished first"));
    check(data, candidate, outcomes, 0, 1);

    long started = System.nanoTime();
    Process whole = train(data);
    assertThat(whole.waitFor(10, TimeUnit.MINUTES)).isTrue();
    int runMs = (int) ((System.nanoTime() - started) / 1_000_000);
    assertThat(whole.exitValue()).as(log()).isZero();
    int runs = check(data, candidate, outcomes, 1, 2);
    assertThat(candidate.resolve("model.onnx")).exists();

    Random random = new Random(SEED);
    for (int i = 0; i < KILLS; i++) {
      long delayMs = 300 + random.nextInt(runMs + runMs / 10);
      Process p = train(data);
      boolean finished = p.waitFor(delayMs, TimeUnit.MILLISECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor();
      }
      outcomes.add(delayMs + " ms: " + (finished ? "finished first" : "killed"));
      runs = check(data, candidate, outcomes, runs, runs + 1);
    }
    System.out.println(
        "a whole DP run " + runMs + " ms; kill moments (seed " + SEED + "): " + outcomes);

    Process last = train(data);
    assertThat(last.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(last.exitValue()).as(log()).isZero();
    int after = check(data, candidate, outcomes, runs + 1, runs + 1);
    assertThat(latestSha(data)).isEqualTo(ModelRegistry.sha256(candidate.resolve("model.onnx")));
    assertThat(after).isEqualTo(runs + 1);
  }

  private Process train(Path data) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Dsentio.home=" + root,
            "org.sentio.app.Sentio",
            "train",
            "fusion",
            "--from-annotations",
            "--dp",
            "--epsilon",
            "1000",
            "--epochs",
            "1",
            "--sample",
            SAMPLE,
            "--data-dir",
            data.toString())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("child.log").toFile())
        .start();
  }

  /**
   * Checks the store and the candidate after a kill; returns the number of ledger runs, which must
   * lie in {@code [least, most]}.
   */
  private int check(Path data, Path candidate, List<String> outcomes, int least, int most)
      throws Exception {
    int runs;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
        r.next();
        assertThat(r.getString(1)).as("integrity after %s", outcomes).isEqualTo("ok");
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT r.id, r.windows, (SELECT coalesce(sum(x.windows), 0) FROM"
                  + " privacy_run_session x WHERE x.run_id = r.id) FROM privacy_run r")) {
        runs = 0;
        while (r.next()) {
          runs++;
          assertThat(r.getInt(3))
              .as("windows recorded for ledger run %d after %s", r.getLong(1), outcomes)
              .isEqualTo(r.getInt(2))
              .isPositive();
        }
      }
    }
    assertThat(runs).as("ledger runs after %s", outcomes).isBetween(least, most);
    if (Files.exists(candidate)) {
      assertThat(candidate.resolve("manifest.json")).as("after %s", outcomes).exists();
      String sha = ModelRegistry.sha256(candidate.resolve("model.onnx"));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) FROM privacy_run WHERE model_sha256 = '" + sha + "'")) {
        r.next();
        assertThat(r.getInt(1))
            .as("ledger runs of the candidate on disk after %s", outcomes)
            .isPositive();
      }
    }
    return runs;
  }

  private static String latestSha(Path data) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT model_sha256 FROM privacy_run ORDER BY id DESC LIMIT 1")) {
      r.next();
      return r.getString(1);
    }
  }

  private String log() throws Exception {
    return Files.readString(work.resolve("child.log"));
  }
}
