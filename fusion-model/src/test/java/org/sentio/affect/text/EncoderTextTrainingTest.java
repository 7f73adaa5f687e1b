package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelRegistry;

/**
 * The encoder text model trained on a small real subset (GoEmotions + ISEAR rows, real bge
 * embeddings): reproducible, cached embeddings equal fresh ones, and the written folder opens and
 * reads through the real runtime.
 */
class EncoderTextTrainingTest {
  @TempDir Path temp;

  @Test
  void aSmallSubsetTrainsReproduciblyAndTheModelReadsFeelings() throws Exception {
    EncoderTextTraining.Spec spec = EncoderTextTraining.Spec.EN;
    Path data = SharedData.root().resolve("data");
    List<EncoderTextTraining.Item> items = EncoderTextTraining.items(spec, data, 240);
    assertThat(items).extracting(EncoderTextTraining.Item::corpus).contains(spec.second.dataset());
    assertThat(items).noneMatch(item -> item.text().isBlank());
    float[][] embeddings;
    float[][] cached;
    try (SentenceEncoder encoder = SentenceEncoder.open(ShippedModels.host(), spec.encoder)) {
      List<String> texts = items.stream().map(EncoderTextTraining.Item::text).toList();
      embeddings = EmbeddingCache.embeddings(encoder, texts, temp.resolve("cache"), line -> {});
      cached = EmbeddingCache.embeddings(encoder, texts, temp.resolve("cache"), line -> {});
    }
    assertThat(cached).isDeepEqualTo(embeddings);

    Path folder = temp.resolve("models").resolve(spec.modelName);
    EncoderTextTraining.Result first =
        EncoderTextTraining.train(
            spec,
            items,
            embeddings,
            EncoderTextTraining.Features.COMBINED,
            data,
            folder,
            line -> {});
    EncoderTextTraining.Result second =
        EncoderTextTraining.train(
            spec,
            items,
            embeddings,
            EncoderTextTraining.Features.COMBINED,
            data,
            temp.resolve("again").resolve(spec.modelName),
            line -> {});
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(first.heldOut()).containsKeys("all", spec.base.dataset, spec.second.dataset());
    assertThat(Files.readString(folder.resolve("manifest.json")))
        .contains(spec.encoder.onnxSha256)
        .contains("\"heldOutRows\"");

    ModelRegistry registry = new ModelRegistry(temp.resolve("models"), "retrain");
    InstalledModel installed = registry.find(spec.modelName);
    try (TextAffectModel model =
        TextAffectModel.open(ShippedModels.host(), registry, installed, Language.EN)) {
      assertThat(model.encoder()).isNotNull();
      TextAffectModel.Reading angry =
          model.predict("I am so angry, stop lying to me, this is outrageous!");
      TextAffectModel.Reading happy =
          model.predict("Thank you so much, I love this, it made my day!");
      assertThat(angry.emotions().get(Emotion.ANGRY))
          .isGreaterThan(happy.emotions().get(Emotion.ANGRY));
      assertThat(happy.emotions().get(Emotion.HAPPY))
          .isGreaterThan(angry.emotions().get(Emotion.HAPPY));
      assertThat(happy.valence()).isGreaterThan(angry.valence());
    }
  }
}
