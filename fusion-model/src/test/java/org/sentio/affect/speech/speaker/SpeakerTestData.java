package org.sentio.affect.speech.speaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
   * The en-us Vosk model: {@code assets/model-en-us/} of the {@code vosk-model-en} .aar that
   * fusion-model's pom copies to {@code target/vosk-model-en/}, unzipped there on first use.
   */
  static synchronized Path asrModel() throws IOException {
    Path folder = TestImages.rootDir().resolve("fusion-model/target/vosk-model-en");
    Path model = folder.resolve(ASR_ASSETS);
    Path done = folder.resolve("unpacked");
    if (Files.isRegularFile(done)) {
      return model;
    }
    Path aar = folder.resolve("vosk-model-en.aar");
    if (!Files.isRegularFile(aar)) {
      throw new IllegalStateException(
          aar + " is missing: run the tests through Maven (generate-test-resources copies it)");
    }
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(aar))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.isDirectory() || !entry.getName().startsWith(ASR_ASSETS)) {
          continue;
        }
        Path target = folder.resolve(entry.getName()).normalize();
        if (!target.startsWith(folder)) {
          throw new IOException(aar + ": entry outside the folder: " + entry.getName());
        }
        Files.createDirectories(target.getParent());
        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.writeString(done, "assets/model-en-us unpacked from " + aar.getFileName());
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
