package org.sentio.affect.speech;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.sentio.affect.train.ShippedModels;

/** The shipped English speech model and the shared speech data, for tests. */
public final class SpeechTestModels {
  public static final String RESTORE = "rebuild fusion-model to unpack it";

  private static SpeechRecognizer english;

  private SpeechTestModels() {}

  public static SpeechModels shipped() {
    return new SpeechModels(List.of(ShippedModels.root().resolve("resources/models")));
  }

  /** The English recogniser, loaded once for the test run (it takes a second or two). */
  public static synchronized SpeechRecognizer english() throws SpeechModelException {
    if (english == null) {
      english = SpeechRecognizer.open(shipped().forLanguage("en").orElseThrow(), RESTORE);
    }
    return english;
  }

  /** A RAVDESS clip by its path in {@code speech_ravdess_train/labels.csv}. */
  public static Path ravdess(String relative) {
    return Path.of(System.getProperty("sentio.shared.dir", "../../shared"))
        .resolve("data/speech_ravdess_train")
        .resolve(relative);
  }

  /** Writes 16 kHz mono samples in [-1, 1] as a 16-bit WAV file. */
  public static Path writeWav(Path file, float[] samples) throws IOException {
    byte[] pcm = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      int v = Math.round(Math.max(-1f, Math.min(1f, samples[i])) * Short.MAX_VALUE);
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
    return file;
  }

  /** Writes 16 kHz channels (left first) of equal length as a 16-bit stereo WAV file. */
  public static Path writeStereoWav(Path file, float[] left, float[] right) throws IOException {
    byte[] pcm = new byte[left.length * 4];
    for (int i = 0; i < left.length; i++) {
      for (int c = 0; c < 2; c++) {
        float sample = c == 0 ? left[i] : right[i];
        int v = Math.round(Math.max(-1f, Math.min(1f, sample)) * Short.MAX_VALUE);
        pcm[4 * i + 2 * c] = (byte) v;
        pcm[4 * i + 2 * c + 1] = (byte) (v >> 8);
      }
    }
    AudioFormat format = new AudioFormat(16_000, 16, 2, true, false);
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(pcm), format, left.length)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
    return file;
  }

  /** The clips one after another with {@code gapSeconds} of silence before each. */
  public static float[] withGaps(double gapSeconds, float[]... clips) {
    int gap = (int) Math.round(gapSeconds * 16_000);
    int total = 0;
    for (float[] clip : clips) {
      total += gap + clip.length;
    }
    float[] out = new float[total + gap];
    int at = 0;
    for (float[] clip : clips) {
      at += gap;
      System.arraycopy(clip, 0, out, at, clip.length);
      at += clip.length;
    }
    return out;
  }
}
