package org.sentio.app.store;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.sentio.affect.voice.AudioFiles;

/**
 * A real two-party stereo call, built at test time from RAVDESS clips as {@code StereoCallCliTest}
 * builds it: actor 05 on the left speaks first ("kids are talking by the door"), actor 06 answers
 * on the right ("dogs are sitting by the door"), one second of silence before each turn, the other
 * channel silent meanwhile.
 */
public final class StereoCalls {
  private static final int RATE = 16_000;

  private StereoCalls() {}

  /** The shared data folder ({@code -Dsentio.shared.dir}, else {@code ../shared} of the repo). */
  public static Path shared() {
    String root = System.getProperty("sentio.root.dir", "..");
    return Path.of(System.getProperty("sentio.shared.dir", root + "/../shared"));
  }

  /** Writes the call as a 16 kHz 16-bit stereo WAV at {@code file}. */
  public static Path write(Path file) throws Exception {
    Path data = shared().resolve("data/speech_ravdess_train");
    float[] first = AudioFiles.readMono(data.resolve("Actor_05/03-01-01-01-01-01-05.flac"), RATE);
    float[] second = AudioFiles.readMono(data.resolve("Actor_06/03-01-05-02-02-02-06.flac"), RATE);
    int firstStart = RATE;
    int secondStart = firstStart + first.length + RATE;
    int frames = secondStart + second.length + RATE;
    ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      int a = i - firstStart;
      int b = i - secondStart;
      pcm.putShort(pcm16(a >= 0 && a < first.length ? first[a] : 0));
      pcm.putShort(pcm16(b >= 0 && b < second.length ? second[b] : 0));
    }
    AudioFormat format = new AudioFormat(RATE, 16, 2, true, false);
    byte[] bytes = pcm.array();
    try (AudioInputStream stream =
        new AudioInputStream(new ByteArrayInputStream(bytes), format, frames)) {
      AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
    }
    return file;
  }

  private static short pcm16(float sample) {
    return (short) Math.round(Math.max(-1, Math.min(1, sample)) * 32767);
  }
}
