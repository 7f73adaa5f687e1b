package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.text.EncoderTextTraining;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.LabeledCsv;
import org.sentio.app.SentioHome;
import org.sentio.app.store.PrivacyLedgerRepository;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.runtime.ModelRegistry;

/**
 * {@code sentio train text --from-annotations --dp} with a real SQLite store whose sessions carry
 * real utterances (held-out ISEAR rows: students the shipped model never trained on) under labelled
 * spans, the real bge-small-en encoder and the real DP-SGD loop; and its refusals, which leave the
 * store and the candidates folder as they were.
 */
class TrainTextPrivateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path shared;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
    shared = Path.of(System.getProperty("sentio.shared.dir", root + "/../shared"));
  }

  /** Held-out ISEAR rows (subject id divisible by 5, labels the model knows), in file order. */
  static List<Map<String, String>> heldOutIsear(int count) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Map<String, String> row :
        LabeledCsv.read(shared.resolve("data/text_en_isear/labels.csv"))) {
      if (Long.parseLong(row.get("subject_id")) % 5 == 0
          && !List.of("shame", "guilt").contains(row.get("label"))) {
        rows.add(row);
        if (rows.size() == count) {
          break;
        }
      }
    }
    return rows;
  }

  /**
   * Stores {@code sessions} sessions of {@code perSession} utterances each, one every 2 s, each
   * under a span labelled with its row's label; returns the session ids.
   */
  private static List<Long> annotatedSessions(Path dir, int sessions, int perSession)
      throws Exception {
    return annotatedSessions(dir, heldOutIsear(sessions * perSession), sessions, perSession);
  }

  /** As above, with the utterances and labels of {@code rows}, in order. */
  static List<Long> annotatedSessions(
      Path dir, List<Map<String, String>> rows, int sessions, int perSession) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (SessionStore store = SessionStore.open(dir)) {
      for (int s = 0; s < sessions; s++) {
        SessionResult base = SampleSessions.sample("call " + s, 20);
        List<Utterance> transcript = new ArrayList<>();
        for (int i = 0; i < perSession; i++) {
          transcript.add(
              new Utterance(
                  2.0 * i,
                  2.0 * i + 1.5,
                  rows.get(s * perSession + i).get("text"),
                  AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null)));
        }
        long id = store.sessions().save(base.toBuilder().transcript(transcript).build());
        for (int i = 0; i < perSession; i++) {
          String label = Emotion.parse(rows.get(s * perSession + i).get("label")).label();
          store.annotations().add(id, 2.0 * i, 2.0 * i + 1.9, label, "ana", null);
        }
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void trainsTheEmbeddingHeadWithDpSgdKeepsTheNgramsAndRecordsTheRun(@TempDir Path dir)
      throws Exception {
    List<Long> ids = annotatedSessions(dir, 3, 40);
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "train",
            "text",
            "--from-annotations",
            "--dp",
            "--batch",
            "8",
            "--noise-multiplier",
            "2.0",
            "--epsilon",
            "2.0",
            "--data-dir",
            dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    // The run's figures (steps, epsilon, time, accuracy on the annotated utterances), for the docs.
    System.out.print(r.err() + r.out());
    assertThat(r.err()).contains("120 annotated utterances from 3 sessions");

    Path candidate = dir.resolve("candidates").resolve("text-affect-en-bge");
    ModelRegistry candidates = new ModelRegistry(candidate.getParent(), "train again");
    candidates.requireVerified(candidates.readManifest(candidate));
    JsonNode privacy = JSON.readTree(candidate.resolve("manifest.json").toFile()).get("privacy");
    double epsilon = privacy.get("epsilon").asDouble();
    assertThat(epsilon).isGreaterThan(0).isLessThanOrEqualTo(2.0);
    assertThat(privacy.get("utterances").asInt()).isEqualTo(120);
    assertThat(privacy.get("steps").asLong()).isPositive();
    assertThat(ModelsCommand.privacy(new org.sentio.runtime.InstalledModel(null, candidate)))
        .isEqualTo(
            String.format(
                java.util.Locale.ROOT,
                "differentially private: epsilon %.3f at delta 1.0E-5 (DP-SGD, sigma 2.0, clip"
                    + " 1.0)",
                epsilon));
    assertThat(Files.readString(candidate.resolve("MODEL_CARD.md")))
        .contains(String.format(java.util.Locale.ROOT, "ε = %.3f", epsilon));

    Path models = SentioHome.modelsDirectory();
    AffectMlp shipped =
        AffectMlpOnnx.read(Files.readAllBytes(models.resolve("text-affect-en-bge/model.onnx")));
    AffectMlp ngram =
        AffectMlpOnnx.read(Files.readAllBytes(models.resolve("text-affect-en/model.onnx")));
    AffectMlp trained = AffectMlpOnnx.read(Files.readAllBytes(candidate.resolve("model.onnx")));
    int ngramWeights = ngram.inputSize() * Emotion.COUNT;
    assertThat(Arrays.copyOf(trained.wc(), ngramWeights))
        .as("the n-gram part is the shipped one, bit for bit")
        .containsExactly(Arrays.copyOf(shipped.wc(), ngramWeights));
    assertThat(Arrays.copyOfRange(trained.wc(), ngramWeights, trained.wc().length))
        .as("the embedding head moved")
        .isNotEqualTo(Arrays.copyOfRange(shipped.wc(), ngramWeights, shipped.wc().length));
    AffectMlp again =
        EncoderTextTraining.join(
            ngram,
            EncoderTextTraining.headOf(shipped, ngram, EncoderTextTraining.NGRAM_WEIGHT),
            EncoderTextTraining.NGRAM_WEIGHT);
    assertThat(again.wc()).containsExactly(shipped.wc());

    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      assertThat(ledger.runs()).hasSize(1);
      PrivacyLedgerRepository.Run run = ledger.runs().get(0);
      assertThat(run.sessionWindows().keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(run.windows()).isEqualTo(120);
      assertThat(run.epsilon()).isEqualTo(epsilon);
    }

    // Every annotated utterance trained it: the gate has nothing held out to compare on.
    EvaluateCommandTest.Run compare =
        EvaluateCommandTest.run(
            "models", "compare", candidate.toString(), "--data-dir", dir.toString());
    assertThat(compare.exit()).as(compare.err()).isEqualTo(2);
    assertThat(compare.err())
        .contains("holds 0 annotated EN utterances that neither model was trained on")
        .contains("120 more lie in the 3 sessions their training read");
    assertThat(candidate.resolve("comparison.json")).doesNotExist();

    EvaluateCommandTest.Run second =
        EvaluateCommandTest.run(
            "train",
            "text",
            "--from-annotations",
            "--dp",
            "--batch",
            "8",
            "--noise-multiplier",
            "2.0",
            "--epsilon",
            String.valueOf(epsilon / 2),
            "--data-dir",
            dir.toString());
    assertThat(second.exit()).as(second.err()).isEqualTo(2);
    assertThat(second.err())
        .contains("train text --dp: privacy budget already spent")
        .contains("of the budget " + (epsilon / 2));
    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      assertThat(ledger.runs()).hasSize(1);
    }
  }

  /**
   * Measurement, printed: 400 annotated utterances (10 sessions) train a candidate (expected batch
   * 16, σ 2, ε ≤ 2 at δ 1e-5); it and the shipped model are then scored on the next 400 held-out
   * ISEAR rows, which no session holds.
   */
  @Test
  void measuresTheCandidateBesideTheShippedModelOnUtterancesItNeverSaw(@TempDir Path dir)
      throws Exception {
    annotatedSessions(dir, 10, 40);
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "train",
            "text",
            "--from-annotations",
            "--dp",
            "--batch",
            "16",
            "--noise-multiplier",
            "2.0",
            "--data-dir",
            dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    System.out.print(r.err() + r.out());
    List<Map<String, String>> rows = heldOutIsear(800).subList(400, 800);
    List<PrivateTextTraining.LabelledUtterance> unseen = new ArrayList<>();
    float[][] embeddings = new float[rows.size()][];
    try (org.sentio.affect.text.SentenceEncoder encoder =
        org.sentio.affect.text.SentenceEncoder.open(
            org.sentio.runtime.OnnxHost.start(org.sentio.runtime.DevicePreference.CPU, 1),
            EncoderTextTraining.Spec.EN.encoder)) {
      for (int i = 0; i < rows.size(); i++) {
        unseen.add(
            new PrivateTextTraining.LabelledUtterance(
                0, rows.get(i).get("text"), Emotion.parse(rows.get(i).get("label"))));
        embeddings[i] = encoder.embed(rows.get(i).get("text"));
      }
    }
    AffectMlp shipped =
        AffectMlpOnnx.read(
            Files.readAllBytes(
                SentioHome.modelsDirectory().resolve("text-affect-en-bge/model.onnx")));
    AffectMlp candidate =
        AffectMlpOnnx.read(
            Files.readAllBytes(dir.resolve("candidates/text-affect-en-bge").resolve("model.onnx")));
    double before = PrivateTextTraining.accuracy(shipped, unseen, embeddings);
    double after = PrivateTextTraining.accuracy(candidate, unseen, embeddings);
    System.out.printf(
        java.util.Locale.ROOT,
        "400 unseen held-out ISEAR utterances: shipped %.4f, DP candidate %.4f%n",
        before,
        after);
    assertThat(after).as("the DP candidate keeps a working model").isGreaterThan(before - 0.10);
  }

  @Test
  void refusesTooFewAnnotatedUtterancesAndStoresNothing(@TempDir Path dir) throws Exception {
    annotatedSessions(dir, 1, 12);
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "train", "text", "--from-annotations", "--dp", "--data-dir", dir.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "train text --from-annotations: 12 annotated utterances in the store, at least 50");
    assertThat(r.err().lines().filter(l -> l.startsWith("sentio:"))).hasSize(1);
    assertThat(dir.resolve("candidates")).doesNotExist();
  }

  @Test
  void refusesBadParametersAndTrainingWithoutPrivacy(@TempDir Path dir) throws Exception {
    annotatedSessions(dir, 1, 60);
    EvaluateCommandTest.Run noise =
        EvaluateCommandTest.run(
            "train",
            "text",
            "--from-annotations",
            "--dp",
            "--noise-multiplier",
            "0",
            "--data-dir",
            dir.toString());
    assertThat(noise.exit()).as(noise.err()).isEqualTo(2);
    assertThat(noise.err()).contains("train text --dp: the noise multiplier must be above 0");
    EvaluateCommandTest.Run batch =
        EvaluateCommandTest.run(
            "train", "text", "--from-annotations", "--dp", "--data-dir", dir.toString());
    assertThat(batch.exit()).as(batch.err()).isEqualTo(2);
    assertThat(batch.err()).contains("the expected batch must lie in 1..60, not 64");
    EvaluateCommandTest.Run plain =
        EvaluateCommandTest.run(
            "train", "text", "--from-annotations", "--data-dir", dir.toString());
    assertThat(plain.exit()).as(plain.err()).isEqualTo(2);
    assertThat(plain.err()).contains("needs --dp");
    EvaluateCommandTest.Run csv =
        EvaluateCommandTest.run(
            "train",
            "text",
            "--from-annotations",
            "--dp",
            "--heldout-csv",
            dir.resolve("held.csv").toString(),
            "--data-dir",
            dir.toString());
    assertThat(csv.exit()).as(csv.err()).isEqualTo(2);
    assertThat(csv.err()).contains("--heldout-csv writes the shared data's split");
    assertThat(dir.resolve("held.csv")).doesNotExist();
    assertThat(dir.resolve("candidates")).doesNotExist();
    try (SessionStore store = SessionStore.open(dir);
        PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
      assertThat(ledger.runs()).isEmpty();
    }
  }
}
