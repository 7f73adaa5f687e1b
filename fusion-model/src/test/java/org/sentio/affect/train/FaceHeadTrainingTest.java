package org.sentio.affect.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.convert.FaceHeadGraph;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.face.AlignedFace;
import org.sentio.runtime.ModelSession;

/**
 * The face head trainer on a small real subset (the first 600 faces of {@code faces_ferplus_train})
 * over the shipped backbones: the embeddings cache gives the same floats and resumes after an
 * interruption, the head learns, retrains bit for bit, and its exported graph gives the trainer's
 * probabilities and embeddings.
 */
class FaceHeadTrainingTest {
  private static final FaceHeadTrainer.Config CONFIG =
      new FaceHeadTrainer.Config(32, 15, 64, 0.003f, 1e-4f, 0.5f, 7L);
  private static final int LIMIT = 600;

  private static FaceHeadTraining.Backbones backbones;
  private static FaceHeadTraining.Faces faces;
  private static FaceHeadGraph.Head head;

  @TempDir static Path cache;

  @BeforeAll
  static void embedAndTrain() throws Exception {
    backbones = FaceHeadTraining.Backbones.read(ShippedModels.registry());
    faces =
        FaceHeadTraining.embed(
            ShippedModels.host(),
            backbones,
            SharedData.dataset(FaceHeadTraining.TRAIN_DATASET),
            LIMIT,
            cache,
            message -> {});
    head = FaceHeadTraining.fit(faces, CONFIG);
  }

  @Test
  void theEmbeddingCacheGivesTheSameFloatsAndResumesAfterATornRow() throws Exception {
    Path file;
    try (Stream<Path> files = Files.list(cache)) {
      file = files.filter(f -> f.toString().endsWith(".f32")).findFirst().orElseThrow();
    }
    int rowBytes = 2 * FaceHeadGraph.EMBEDDING_SIZE * 4;
    assertThat(Files.size(file)).isEqualTo((long) LIMIT * rowBytes);
    List<String> logged = new ArrayList<>();
    FaceHeadTraining.Faces cached = embedAgain(logged);
    assertThat(cached.embeddings()).isEqualTo(faces.embeddings());
    assertThat(logged).containsExactly(file + ": " + LIMIT + " of " + LIMIT + " faces cached");
    try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      channel.truncate((long) (LIMIT - 3) * rowBytes + rowBytes / 2);
    }
    logged.clear();
    FaceHeadTraining.Faces resumed = embedAgain(logged);
    assertThat(logged.get(0)).endsWith((LIMIT - 3) + " of " + LIMIT + " faces cached");
    assertThat(resumed.embeddings()).isEqualTo(faces.embeddings());
    assertThat(Files.size(file)).isEqualTo((long) LIMIT * rowBytes);
  }

  private static FaceHeadTraining.Faces embedAgain(List<String> log) throws Exception {
    return FaceHeadTraining.embed(
        ShippedModels.host(),
        backbones,
        SharedData.dataset(FaceHeadTraining.TRAIN_DATASET),
        LIMIT,
        cache,
        log::add);
  }

  @Test
  void theHeadBeatsTheMajorityClassOnHeldOutFaces() {
    ClassificationReport ferPlus = FaceHeadTraining.heldOutReports(head, faces, false)[0];
    long[] perClass = new long[7];
    int held = 0;
    for (int i = 0; i < faces.size(); i++) {
      if (faces.heldOut()[i]) {
        held++;
        int best = 0;
        for (int k = 1; k < 7; k++) {
          if (faces.votes()[i * 7 + k] > faces.votes()[i * 7 + best]) {
            best = k;
          }
        }
        perClass[best]++;
      }
    }
    long majority = 0;
    for (long c : perClass) {
      majority = Math.max(majority, c);
    }
    assertThat(held).isBetween(30, 120);
    assertThat(ferPlus.n()).isEqualTo(held);
    assertThat(ferPlus.accuracy()).isGreaterThan((double) majority / held + 0.15);
  }

  @Test
  void retrainingGivesTheSameHeadBitForBit() {
    FaceHeadGraph.Head again = FaceHeadTraining.fit(faces, CONFIG);
    assertThat(again.w1()).isEqualTo(head.w1());
    assertThat(again.w2()).isEqualTo(head.w2());
    assertThat(again.mean()).isEqualTo(head.mean());
  }

  @Test
  void theExportedGraphGivesTheTrainersProbabilitiesAndEmbeddings() throws Exception {
    int n = 12;
    int dim = FaceHeadGraph.EMBEDDING_SIZE;
    List<AlignedFace> aligned = new ArrayList<>();
    float[] face = new float[n * dim];
    float[] mirror = new float[n * dim];
    var rows =
        LabeledCsv.read(SharedData.dataset(FaceHeadTraining.TRAIN_DATASET).resolve("labels.csv"));
    for (int i = 0; i < n; i++) {
      int[] grey =
          FerPlusFaces.readGrey(
              SharedData.dataset(FaceHeadTraining.TRAIN_DATASET).resolve(rows.get(i).get("path")));
      aligned.add(AlignedFace.whole(FaceHeadTraining.greyPicture(FerPlusFaces.filter(grey))));
      System.arraycopy(faces.embeddings(), (i * 2) * dim, face, i * dim, dim);
      System.arraycopy(faces.embeddings(), (i * 2 + 1) * dim, mirror, i * dim, dim);
    }
    float[] expected = FaceHeadTrainer.predict(head, face, n);
    float[] expectedMirror = FaceHeadTrainer.predict(head, mirror, n);
    for (boolean flip : new boolean[] {false, true}) {
      ModelProto graph = backbones.graph(head, flip);
      try (ModelSession session =
          ShippedModels.host().openDerived(backbones.miniXception(), graph.toByteArray())) {
        float[] probabilities = FaceHeadTraining.run(session, aligned, FaceHeadGraph.PROBABILITIES);
        float[] embedding = FaceHeadTraining.run(session, aligned, FaceHeadGraph.EMBEDDING);
        assertThat(probabilities).hasSize(n * 7);
        assertThat(embedding).hasSize(n * dim);
        for (int k = 0; k < n * 7; k++) {
          float want = flip ? (expected[k] + expectedMirror[k]) / 2 : expected[k];
          assertThat(probabilities[k]).isCloseTo(want, within(1e-4f));
        }
        for (int k = 0; k < n * dim; k++) {
          float want = flip ? (face[k] + mirror[k]) / 2 : face[k];
          assertThat(embedding[k]).isCloseTo(want, within(1e-4f * Math.max(1f, Math.abs(want))));
        }
      }
    }
  }
}
