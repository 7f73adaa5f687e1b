package org.sentio.affect.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.Emotion;
import org.sentio.affect.text.Language;
import org.sentio.affect.text.TextFeaturizer;
import org.sentio.affect.text.TextModelTraining;

/**
 * The trainer on a slice of real GoEmotions rows: bit-identical retrains (also under garbage
 * collection), and the weights survive the ONNX round trip. One slice of 200 rows (four batches,
 * twelve steps in three epochs) and one plain model serve every test: what is proven is that the
 * same steps give the same bytes, which does not need more rows.
 */
class AffectMlpTrainerTest {
  private static final AffectMlpTrainer.Config SMALL =
      new AffectMlpTrainer.Config(16, 3, 64, 5e-3f, 1e-6f, 0.5, 0.5f, false, 7L);

  private static FeatureRowsAndTargets data;
  private static AffectMlp plain;

  @BeforeAll
  static void trainOnce() throws Exception {
    data = slice(200);
    plain = train(data);
  }

  @Test
  void sameSeedAndDataGiveTheSameOnnxBytes() throws Exception {
    byte[] first = AffectMlpOnnx.write(plain, "test", "");
    byte[] second = AffectMlpOnnx.write(GarbageCollection.during(() -> train(data)), "test", "");
    assertThat(second).isEqualTo(first);
    AffectMlpTrainer.Config otherSeed =
        new AffectMlpTrainer.Config(16, 3, 64, 5e-3f, 1e-6f, 0.5, 0.5f, false, 8L);
    byte[] third =
        AffectMlpOnnx.write(
            new AffectMlpTrainer(otherSeed).train(data.rows, data.targets, null, null, e -> {}),
            "test",
            "");
    assertThat(third).isNotEqualTo(first);
  }

  @Test
  void weightsSurviveTheOnnxRoundTrip() throws Exception {
    AffectMlp back = AffectMlpOnnx.read(AffectMlpOnnx.write(plain, "test", ""));
    assertThat(back.w1()).isEqualTo(plain.w1());
    assertThat(back.wc()).isEqualTo(plain.wc());
    assertThat(back.bv()).isEqualTo(plain.bv());
    assertThat(back.hiddenSize()).isEqualTo(16);
  }

  private static AffectMlp train(FeatureRowsAndTargets data) {
    return new AffectMlpTrainer(SMALL).train(data.rows, data.targets, null, null, e -> {});
  }

  record FeatureRowsAndTargets(FeatureRows rows, AffectMlpTrainer.Targets targets) {}

  private static FeatureRowsAndTargets slice(int n) throws Exception {
    List<TextModelTraining.Item> items =
        TextModelTraining.items(SharedData.dataset(TextModelTraining.Spec.EN.dataset))
            .subList(0, n);
    TextFeaturizer featurizer = new TextFeaturizer(Language.EN, true);
    int[][] indices = new int[n][];
    float[][] values = new float[n][];
    int[] y = new int[n];
    float[] valence = new float[n];
    for (int i = 0; i < n; i++) {
      TextFeaturizer.Sparse v = featurizer.vector(items.get(i).text());
      indices[i] = v.indices();
      values[i] = v.values();
      Emotion e = Emotion.parse(items.get(i).label());
      y[i] = e.ordinal();
      valence[i] = (float) AffectTargets.valence(e);
    }
    return new FeatureRowsAndTargets(
        FeatureRows.sparse(indices, values, TextFeaturizer.DIMENSION),
        new AffectMlpTrainer.Targets(y, valence, null));
  }
}
