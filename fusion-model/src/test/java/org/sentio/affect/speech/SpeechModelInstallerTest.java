package org.sentio.affect.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.voice.AudioFiles;

/**
 * Installing a Vosk model folder (a copy of the shipped English model, labelled as another language
 * so that only the installed copy can answer for it), and refusing bad folders whole.
 */
class SpeechModelInstallerTest {
  @TempDir Path userModels;
  @TempDir Path work;

  private static Path englishModelFolder() {
    return SpeechTestModels.shipped().forLanguage("en").orElseThrow().modelPath();
  }

  @Test
  void installsACopyThatIsFoundByLanguageVerifiedAndRecognises() throws Exception {
    InstalledSpeechModel installed =
        SpeechModelInstaller.install(englishModelFolder(), "de", null, userModels);

    assertThat(installed.name()).isEqualTo("asr-de-model");
    assertThat(installed.language()).isEqualTo("de");
    assertThat(installed.manifest().files())
        .containsKeys("am/final.mdl", "conf/model.conf", "graph/HCLr.fst");
    assertThat(installed.manifest().files().get("am/final.mdl"))
        .isEqualTo(
            SpeechTestModels.shipped()
                .forLanguage("en")
                .orElseThrow()
                .manifest()
                .files()
                .get("am/final.mdl"));
    SpeechModels models = new SpeechModels(List.of(userModels));
    assertThat(models.forLanguage("de-DE")).contains(installed);
    assertThat(models.forLanguage("zh")).isEmpty();
    try (SpeechRecognizer recognizer = SpeechRecognizer.open(installed, "install it again");
        RecognitionStream stream = recognizer.newStream(16_000)) {
      stream.accept(
          AudioFiles.readMono(
              SpeechTestModels.ravdess("Actor_03/03-01-01-01-02-01-03.flac"), 16_000));
      assertThat(stream.finish()).extracting(RecognizedWord::text).contains("dogs", "door");
    }
    try (Stream<Path> left = Files.list(userModels)) {
      assertThat(left).as("no partial copy is left behind").hasSize(1);
    }
  }

  @Test
  void refusesAFolderThatIsNotAVoskModelAndInstallsNothing() throws Exception {
    Path notAModel = Files.createDirectories(work.resolve("my-model"));
    Files.writeString(notAModel.resolve("README"), "a text file");
    Files.createDirectories(notAModel.resolve("am"));
    Files.writeString(notAModel.resolve("am/final.mdl"), "not kaldi");
    Files.createDirectories(notAModel.resolve("conf"));

    assertThatThrownBy(() -> SpeechModelInstaller.install(notAModel, "zh", null, userModels))
        .isInstanceOf(SpeechModelException.class)
        .hasMessageStartingWith(notAModel.toString())
        .hasMessageNotContaining("\n");
    try (Stream<Path> left = Files.list(userModels)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void refusesABadLanguageCodeAndASecondModelOfTheSameName() throws Exception {
    assertThatThrownBy(
            () -> SpeechModelInstaller.install(englishModelFolder(), "中文", null, userModels))
        .isInstanceOf(SpeechModelException.class)
        .hasMessageContaining("language");
    SpeechModelInstaller.install(englishModelFolder(), "en", "mine", userModels);

    assertThatThrownBy(
            () -> SpeechModelInstaller.install(englishModelFolder(), "en", "mine", userModels))
        .isInstanceOf(SpeechModelException.class)
        .hasMessageContaining("already installed");
  }

  /** Found by SpeechModelFolderFuzzTest: a line break in --lang made a two-line message. */
  @Test
  void aLanguageWithALineBreakIsRefusedInOneLine() throws Exception {
    Path folder = Files.createDirectories(work.resolve("any"));
    assertThatThrownBy(() -> SpeechModelInstaller.install(folder, "e\nn", null, userModels))
        .isInstanceOf(SpeechModelException.class)
        .hasMessageContaining("not 'e\\u000an'")
        .hasMessageNotContaining("\n");
    assertThat(userModels).isEmptyDirectory();
  }
}
