package org.sentio.affect.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.face.TestImages;
import org.sentio.affect.voice.AudioFiles;

/**
 * The shipped Vosk English model on real speech (RAVDESS), silence and bad model folders, and the
 * voice prints of the stretches it recognises (with the shipped speaker model).
 */
class SpeechRecognizerTest {
  private static final int RATE = 16_000;

  @TempDir Path work;

  @Test
  void hearsTheRavdessStatementWithTimesAndConfidences() throws Exception {
    Path clip = SpeechTestModels.ravdess("Actor_01/03-01-01-01-01-02-01.flac");
    float[] samples = AudioFiles.readMono(clip, RATE);

    List<RecognizedWord> words = recognise(samples, 4000);

    assertThat(words.stream().map(RecognizedWord::text))
        .containsSubsequence("kids", "talking", "door");
    double clipSeconds = samples.length / (double) RATE;
    double previousStart = 0;
    for (RecognizedWord word : words) {
      assertThat(word.startSeconds()).isGreaterThanOrEqualTo(previousStart);
      assertThat(word.endSeconds())
          .isGreaterThan(word.startSeconds())
          .isLessThan(clipSeconds + 0.1);
      assertThat(word.confidence()).isBetween(0.0, 1.0);
      previousStart = word.startSeconds();
    }
  }

  @Test
  void wordTimesCountFromTheStartOfTheStream() throws Exception {
    float[] clip =
        AudioFiles.readMono(SpeechTestModels.ravdess("Actor_02/03-01-01-01-02-01-02.flac"), RATE);
    float[] delayed = new float[3 * RATE + clip.length];
    System.arraycopy(clip, 0, delayed, 3 * RATE, clip.length);

    List<RecognizedWord> alone = recognise(clip, 1600);
    List<RecognizedWord> later = recognise(delayed, 1600);

    assertThat(later).hasSameSizeAs(alone);
    assertThat(later.get(0).startSeconds() - alone.get(0).startSeconds()).isBetween(2.9, 3.1);
  }

  @Test
  void hearsNoWordsInSilence() throws Exception {
    assertThat(recognise(new float[5 * RATE], 1600)).isEmpty();
  }

  @Test
  void printsEachStretchItRecognisesInTheSameDecoding() throws Exception {
    float[] actor1 =
        AudioFiles.readMono(SpeechTestModels.ravdess("Actor_01/03-01-01-01-01-02-01.flac"), RATE);
    float[] actor2 =
        AudioFiles.readMono(SpeechTestModels.ravdess("Actor_02/03-01-01-01-02-01-02.flac"), RATE);
    float[] actor1Again =
        AudioFiles.readMono(SpeechTestModels.ravdess("Actor_01/03-01-05-02-02-01-01.flac"), RATE);
    float[] call = SpeechTestModels.withGaps(2.0, actor1, actor2, actor1Again);
    List<RecognizedWord> words;
    List<StretchPrint> prints;
    Path speakerModel = TestImages.rootDir().resolve("resources/models/speaker-xvector");
    try (VoicePrintModel voicePrints = VoicePrintModel.open(speakerModel, "rebuild it");
        RecognitionStream stream = SpeechTestModels.english().newStream(RATE, voicePrints)) {
      for (int from = 0; from < call.length; from += 4000) {
        stream.accept(java.util.Arrays.copyOfRange(call, from, Math.min(call.length, from + 4000)));
      }
      words = stream.finish();
      prints = stream.stretchPrintsAfter(0);
    }

    // One print per stretch the recogniser ended (2 s of silence ends one), spanning its words.
    assertThat(prints).hasSize(3);
    for (StretchPrint p : prints) {
      assertThat(p.vector()).hasSize(VoicePrintModel.DIMENSION);
      assertThat(p.frames()).isGreaterThan(50);
      assertThat(words).anySatisfy(w -> assertThat(w.startSeconds()).isEqualTo(p.startSeconds()));
      assertThat(words).anySatisfy(w -> assertThat(w.endSeconds()).isEqualTo(p.endSeconds()));
    }
    assertThat(cosine(prints.get(0), prints.get(2)))
        .isGreaterThan(cosine(prints.get(0), prints.get(1)) + 0.1);
  }

  @Test
  void refusesASpeakerModelFolderWithoutItsManifest() {
    assertThatThrownBy(() -> VoicePrintModel.open(work, "reinstall Sentio"))
        .isInstanceOf(org.sentio.runtime.ModelException.class)
        .hasMessageStartingWith(work.resolve("manifest.json").toString())
        .hasMessageEndingWith("reinstall Sentio");
  }

  @Test
  void refusesAFolderThatIsNotAVoskModel() throws Exception {
    Files.writeString(work.resolve("notes.txt"), "not a model");

    assertThatThrownBy(() -> SpeechRecognizer.load(work))
        .isInstanceOf(SpeechModelException.class)
        .hasMessageStartingWith(work.toString())
        .hasMessageContaining("not a Vosk model folder");
  }

  @Test
  void refusesAModelWhoseFilesDoNotMatchTheManifest() {
    InstalledSpeechModel shipped = SpeechTestModels.shipped().forLanguage("en").orElseThrow();
    SpeechModelManifest m = shipped.manifest();
    Map<String, String> files = new HashMap<>(m.files());
    files.put("conf/mfcc.conf", "0".repeat(64));
    InstalledSpeechModel altered =
        new InstalledSpeechModel(
            new SpeechModelManifest(
                m.name(),
                m.version(),
                m.engine(),
                m.language(),
                m.modelDirectory(),
                files,
                m.file(),
                m.sha256(),
                m.licence(),
                m.sampleRate()),
            shipped.directory());

    assertThatThrownBy(() -> SpeechRecognizer.open(altered, "reinstall it"))
        .isInstanceOf(SpeechModelException.class)
        .hasMessageContaining("mfcc.conf: checksum mismatch")
        .hasMessageEndingWith("reinstall it");
  }

  private static double cosine(StretchPrint a, StretchPrint b) {
    float[] x = a.vector();
    float[] y = b.vector();
    double dot = 0;
    double xx = 0;
    double yy = 0;
    for (int i = 0; i < x.length; i++) {
      dot += (double) x[i] * y[i];
      xx += (double) x[i] * x[i];
      yy += (double) y[i] * y[i];
    }
    return dot / Math.sqrt(xx * yy);
  }

  /** Streams the samples in blocks of {@code block} as the capture path hands them over. */
  private static List<RecognizedWord> recognise(float[] samples, int block) throws Exception {
    try (RecognitionStream stream = SpeechTestModels.english().newStream(RATE)) {
      for (int from = 0; from < samples.length; from += block) {
        float[] part = new float[Math.min(block, samples.length - from)];
        System.arraycopy(samples, from, part, 0, part.length);
        stream.accept(part);
      }
      return stream.finish();
    }
  }
}
