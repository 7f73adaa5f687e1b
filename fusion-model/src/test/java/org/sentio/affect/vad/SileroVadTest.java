package org.sentio.affect.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;

/** The shipped silero VAD model, run through moe-runtime on real and synthetic audio. */
class SileroVadTest {
  private static ModelSession session;

  @TempDir Path work;

  @BeforeAll
  static void openModel() throws Exception {
    Path models = Path.of(System.getProperty("sentio.root.dir", "..")).resolve("resources/models");
    ModelRegistry registry = new ModelRegistry(models, "restore resources/models");
    session =
        OnnxHost.start(DevicePreference.CPU, 1).open(registry, registry.find("voice-activity"));
  }

  @AfterAll
  static void closeModel() throws Exception {
    session.close();
  }

  @Test
  void marksSpeechInASynthesisedSentence() throws Exception {
    float[] speech = espeak("Good morning, I would like to ask about my order, please.");

    List<Double> probabilities = run(speech);

    long speechFrames = probabilities.stream().filter(p -> p >= 0.5).count();
    assertThat(speechFrames).isGreaterThan(probabilities.size() / 2);
  }

  @Test
  void marksNoSpeechInSilence() throws Exception {
    List<Double> probabilities = run(new float[SileroVad.SAMPLE_RATE * 2]);

    assertThat(probabilities).hasSize(2 * SileroVad.SAMPLE_RATE / SileroVad.FRAME_SAMPLES);
    assertThat(probabilities).allSatisfy(p -> assertThat(p).isLessThan(0.5));
  }

  @Test
  void marksNoSpeechInWhiteNoise() throws Exception {
    Random random = new Random(11);
    float[] noise = new float[SileroVad.SAMPLE_RATE * 2];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (random.nextGaussian() * 0.1);
    }

    List<Double> probabilities = run(noise);

    assertThat(probabilities.stream().filter(p -> p >= 0.5).count()).isZero();
  }

  @Test
  void feedingInOddBlocksGivesTheSameFramesAsOneBlock() throws Exception {
    float[] speech = espeak("Thank you for waiting.");
    List<Double> whole = run(speech);

    SileroVad vad = new SileroVad(session);
    List<Double> pieces = new ArrayList<>();
    for (int from = 0; from < speech.length; from += 700) {
      float[] block =
          java.util.Arrays.copyOfRange(speech, from, Math.min(speech.length, from + 700));
      vad.accept(block, pieces::add);
    }

    assertThat(pieces).containsExactlyElementsOf(whole);
  }

  private static List<Double> run(float[] samples) throws Exception {
    List<Double> probabilities = new ArrayList<>();
    new SileroVad(session).accept(samples, probabilities::add);
    return probabilities;
  }

  /** Speaks {@code text} with espeak-ng and returns 16 kHz mono samples (via sox). */
  private float[] espeak(String text) throws IOException, InterruptedException {
    Path wav = work.resolve("speech.wav");
    Path raw = work.resolve("speech.raw");
    exec("espeak-ng", "-v", "en", "-s", "150", "-w", wav.toString(), text);
    exec(
        "sox",
        wav.toString(),
        "-r",
        "16000",
        "-c",
        "1",
        "-b",
        "16",
        "-e",
        "signed-integer",
        "-t",
        "raw",
        raw.toString());
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    float[] samples = new float[bytes.remaining() / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = bytes.getShort() / 32768f;
    }
    return samples;
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(output));
    }
  }
}
