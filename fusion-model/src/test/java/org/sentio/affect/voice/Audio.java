package org.sentio.affect.voice;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Synthesised test audio: tones, noise, and speech from espeak-ng resampled to 16 kHz by sox. */
final class Audio {
  static final int RATE = 16_000;

  private Audio() {}

  static float[] sine(double hz, double seconds, double amplitude) {
    float[] samples = new float[(int) Math.round(seconds * RATE)];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
    }
    return samples;
  }

  static float[] whiteNoise(double seconds, double amplitude, long seed) {
    Random random = new Random(seed);
    float[] samples = new float[(int) Math.round(seconds * RATE)];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
    }
    return samples;
  }

  /**
   * Speaks {@code text} with espeak-ng (English voice, the given extra options such as {@code -p 80
   * -a 200 -s 180}) and returns it at 16 kHz mono.
   */
  static float[] speak(Path dir, String name, String text, String... options)
      throws IOException, InterruptedException, UnsupportedAudioFileException {
    Path raw = dir.resolve(name + "-22k.wav");
    Path wav = dir.resolve(name + ".wav");
    List<String> espeak = new ArrayList<>(List.of("espeak-ng", "-v", "en"));
    espeak.addAll(Arrays.asList(options));
    espeak.addAll(List.of("-w", raw.toString(), text));
    run(espeak);
    run(List.of("sox", raw.toString(), "-r", String.valueOf(RATE), wav.toString()));
    return read(wav.toFile());
  }

  static float[] read(File file) throws IOException, UnsupportedAudioFileException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(file)) {
      AudioFormat format = in.getFormat();
      if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
        throw new IOException(file + " is not 16-bit mono: " + format);
      }
      byte[] bytes = in.readAllBytes();
      float[] samples = new float[bytes.length / 2];
      boolean big = format.isBigEndian();
      for (int i = 0; i < samples.length; i++) {
        int lo = bytes[2 * i + (big ? 1 : 0)] & 0xff;
        int hi = bytes[2 * i + (big ? 0 : 1)];
        samples[i] = ((hi << 8) | lo) / 32768f;
      }
      return samples;
    }
  }

  /** The {@code seconds}-long slice starting at {@code start} seconds. */
  static float[] slice(float[] samples, double start, double seconds) {
    int from = (int) Math.round(start * RATE);
    return Arrays.copyOfRange(
        samples, from, Math.min(samples.length, from + (int) (seconds * RATE)));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(
          command.get(0)
              + " is needed to synthesise test audio: install it (apt-get install "
              + command.get(0)
              + ")",
          e);
    }
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
