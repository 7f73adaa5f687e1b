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
 * random moments after the child has started training (what comes before it, reading the shared
 * data and the sessions, writes nothing). After every kill the store passes {@code PRAGMA
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

  /**
   * One labelled session each, 59 annotated windows apiece: 236 windows, enough to train on them
   * alone ({@code --annotations-only}, at least 200). Private training (DP-SGD) over the 4,000
   * shared windows plus the annotated ones took most of each run; the kills need a private run on
   * the user's sessions in progress, and the ledger's per-session windows are checked over four
   * sessions instead of one.
   */
  private static final List<String> LABELS = List.of("happy", "sad", "angry", "neutral");

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
      for (String label : LABELS) {
        long id = store.sessions().save(SampleSessions.sample(label + " call", 60));
        // window k spans [k/2, k/2 + 1): midpoints 0.5 .. 29.5 lie in [0, 30), windows 0..58
        store.annotations().add(id, 0, 30, label, "ana", null);
      }
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
    long trainingFrom = untilTrainingStarts(whole);
    assertThat(whole.waitFor(10, TimeUnit.MINUTES)).isTrue();
    long ended = System.nanoTime();
    int runMs = (int) ((ended - started) / 1_000_000);
    assertThat(whole.exitValue()).as(log()).isZero();
    assertThat(trainingFrom).as("the start of training seen in %s", log()).isPositive();
    int trainingMs = (int) ((ended - trainingFrom) / 1_000_000);
    int runs = check(data, candidate, outcomes, 1, 2);
    assertThat(candidate.resolve("model.onnx")).exists();

    Random random = new Random(SEED);
    for (int i = 0; i < KILLS; i++) {
      // a moment in the part of the run that trains, records the ledger and writes the candidate
      long delayMs = random.nextInt(trainingMs + trainingMs / 10 + 1);
      Process p = train(data);
      untilTrainingStarts(p);
      boolean finished = p.waitFor(delayMs, TimeUnit.MILLISECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor();
      }
      outcomes.add(
          delayMs
              + " ms into training: "
              + (finished ? "finished first" : "killed after " + lastLine()));
      runs = check(data, candidate, outcomes, runs, runs + 1);
    }
    System.out.println(
        "a whole DP run "
            + runMs
            + " ms, "
            + trainingMs
            + " ms of it from the start of training; kill moments (seed "
            + SEED
            + "): "
            + outcomes);

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
            "--annotations-only",
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

  /**
   * Waits until the child says it trains (after reading the shared data and the sessions); returns
   * that moment ({@link System#nanoTime()}), or 0 if it ended without saying so.
   */
  private long untilTrainingStarts(Process child) throws Exception {
    while (true) {
      boolean alive = child.isAlive();
      Path log = work.resolve("child.log");
      if (Files.exists(log) && Files.readString(log).contains("training on ")) {
        return System.nanoTime();
      }
      if (!alive) {
        return 0;
      }
      Thread.sleep(5);
    }
  }

  /** What the child had said last when it was killed: where in the run the kill landed. */
  private String lastLine() throws Exception {
    List<String> lines = Files.readAllLines(work.resolve("child.log"));
    return lines.isEmpty() ? "(nothing yet)" : "\"" + lines.get(lines.size() - 1).strip() + "\"";
  }

  private String log() throws Exception {
    return Files.readString(work.resolve("child.log"));
  }
}
