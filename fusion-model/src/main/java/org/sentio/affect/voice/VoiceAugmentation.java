package org.sentio.affect.voice;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.sentio.capture.media.MediaException;

/**
 * A perturbed copy of a training clip's audio, for a model that should not learn the few training
 * speakers' recording conditions and voices (issue 19, part 2): white noise at a signal-to-noise
 * ratio, or a speed change that also moves the pitch (the clip resampled and played at the original
 * rate, as speed perturbation in speech recognition does). Each copy is the same for a clip in
 * every run: the noise is seeded by the clip's file name and the copy.
 */
public enum VoiceAugmentation {
  /** White noise 20 dB below the clip's mean power. */
  NOISE_20DB("noise20", 20, 1),
  /** White noise 10 dB below the clip's mean power. */
  NOISE_10DB("noise10", 10, 1),
  /** 10 % slower and lower (resampled to 16 kHz / 0.9). */
  SLOWER("speed090", Double.NaN, 0.9),
  /** 10 % faster and higher (resampled to 16 kHz / 1.1). */
  FASTER("speed110", Double.NaN, 1.1);

  /** The name of the copy's features in the feature cache. */
  public final String cacheKind;

  private final double snrDb;
  private final double speed;

  VoiceAugmentation(String cacheKind, double snrDb, double speed) {
    this.cacheKind = cacheKind;
    this.snrDb = snrDb;
    this.speed = speed;
  }

  /**
   * The copy of {@code file}'s audio at {@code sampleRate} Hz mono.
   *
   * @throws MediaException naming the file when it cannot be decoded
   */
  public float[] samples(Path file, int sampleRate) throws MediaException {
    if (!Double.isNaN(snrDb)) {
      return withNoise(AudioFiles.readMono(file, sampleRate), snrDb, seed(file));
    }
    // Decoded at rate / speed and read as rate: speed times shorter, pitch speed times higher.
    return AudioFiles.readMono(file, (int) Math.round(sampleRate / speed));
  }

  private long seed(Path file) {
    long seed = 1125899906842597L + ordinal();
    for (byte b : file.getFileName().toString().getBytes(StandardCharsets.UTF_8)) {
      seed = 31 * seed + b;
    }
    return seed;
  }

  /** {@code samples} plus Gaussian white noise {@code snrDb} below their mean power. */
  static float[] withNoise(float[] samples, double snrDb, long seed) {
    double power = 0;
    for (float s : samples) {
      power += (double) s * s;
    }
    power /= Math.max(1, samples.length);
    double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
    Random random = new Random(seed);
    float[] noisy = new float[samples.length];
    for (int i = 0; i < samples.length; i++) {
      noisy[i] = (float) Math.max(-1, Math.min(1, samples[i] + sigma * random.nextGaussian()));
    }
    return noisy;
  }
}
