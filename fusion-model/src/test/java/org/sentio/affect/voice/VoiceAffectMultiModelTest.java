package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelSession;

/**
 * The shipped voice-affect-multi model beside voice-affect on real held-out RAVDESS actors 17–20
 * (first repetition, no calm), each clip as recorded and through the telephone band.
 */
class VoiceAffectMultiModelTest {
  private static List<VoiceCorpora.Clip> clips;
  private static VoiceTraining.Features features;

  @BeforeAll
  static void measure() throws Exception {
    clips = new ArrayList<>();
    for (VoiceCorpora.Clip clip :
        VoiceCorpora.read(SharedData.root().resolve("data"), VoiceCorpora.Corpus.RAVDESS)) {
      String repetition = clip.file().getFileName().toString().split("-")[5];
      if (!VoiceTraining.trainable(clip) && clip.scored() && repetition.equals("01")) {
        clips.add(clip);
      }
    }
    features = VoiceTraining.features(clips, false, 2, null, line -> {});
  }

  private static ClassificationReport[] read(String model) throws Exception {
    ClassificationReport wide = new ClassificationReport();
    ClassificationReport telephone = new ClassificationReport();
    try (ModelSession session = ShippedModels.open(model)) {
      VoiceAffectModel voice = new VoiceAffectModel(session);
      for (int i = 0; i < clips.size(); i++) {
        Emotion truth = clips.get(i).emotion();
        wide.add(truth, voice.predict(of(features.wide()[i])).emotions().top());
        telephone.add(truth, voice.predict(of(features.telephone()[i])).emotions().top());
      }
    }
    return new ClassificationReport[] {wide, telephone};
  }

  private static VoiceFeatures of(float[] row) {
    double[] values = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      values[i] = row[i];
    }
    return new VoiceFeatures(values);
  }

  @Test
  void readsHeldOutActorsAboveChanceOnBothBands() throws Exception {
    ClassificationReport[] multi = read(VoiceTraining.MULTI.modelName());
    assertThat(multi[0].n()).isEqualTo(104);
    assertThat(multi[0].accuracy()).isGreaterThan(0.3);
    assertThat(multi[1].accuracy()).isGreaterThan(0.3);
  }

  @Test
  void readsTelephoneBandAudioBetterThanVoiceAffect() throws Exception {
    ClassificationReport[] multi = read(VoiceTraining.MULTI.modelName());
    ClassificationReport[] previous = read(VoiceTraining.RAVDESS.modelName());
    System.out.printf(
        java.util.Locale.ROOT,
        "held-out actors 17-20, repetition 01 (n=%d): voice-affect-multi wide %.4f telephone %.4f;"
            + " voice-affect wide %.4f telephone %.4f%n",
        multi[0].n(),
        multi[0].accuracy(),
        multi[1].accuracy(),
        previous[0].accuracy(),
        previous[1].accuracy());
    assertThat(multi[1].accuracy()).isGreaterThan(previous[1].accuracy() + 0.1);
  }
}
