package org.sentio.affect.speech.speaker;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sentio.affect.face.TestImages;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.voice.AudioFiles;
import org.sentio.capture.media.MediaException;

/** The models and the real speech clips the speaker tests use. */
final class SpeakerTestData {
  private static final String ASR_ASSETS = "assets/model-en-us/";

  private SpeakerTestData() {}

  /** The shipped x-vector model folder. */
  static Path speakerModel() {
    return TestImages.rootDir().resolve("resources/models").resolve(SpeakerEmbedder.MODEL);
  }

  /**
   * The en-us Vosk model that the fusion-model build unpacks from its Maven artifact into {@code
   * resources/models/asr-en/model}.
   */
  static Path asrModel() {
    Path model = TestImages.rootDir().resolve("resources/models/asr-en/model");
    if (!Files.isDirectory(model)) {
      throw new IllegalStateException(model + " is missing: build fusion-model to unpack it");
    }
    return model;
  }

  /** A RAVDESS clip: actor 1–20, statement 1–2, emotion code 1–8, repetition 1–2. */
  static Path ravdess(int actor, int emotion, int statement, int repetition) {
    int intensity = emotion == 1 ? 1 : 2;
    return SharedData.dataset("speech_ravdess_train")
        .resolve(
            String.format(
                "Actor_%02d/03-01-%02d-%02d-%02d-%02d-%02d.flac",
                actor, emotion, intensity, statement, repetition, actor));
  }

  /** A SAVEE clip, e.g. {@code ("DC", "n05")}. */
  static Path savee(String speaker, String sentence) {
    return SharedData.dataset("speech_savee")
        .resolve(speaker)
        .resolve(speaker + "_" + sentence + ".flac");
  }

  static float[] read(Path clip) throws MediaException {
    return AudioFiles.readMono(clip, SpeakerEmbedder.SAMPLE_RATE);
  }
}
