package org.sentio.app.ui.clinical;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.sentio.app.live.CaptureException;
import org.sentio.app.live.MicrophoneLine;
import org.sentio.app.live.Microphones;

/**
 * Records a voice note from one microphone (the live page's {@link Microphones}) into a WAV file in
 * the line's own format; the analysis resamples it like any imported note. A reader thread owns the
 * line until {@link #stop()}; the note is kept in memory (at most {@link #MAX_SECONDS}) and written
 * once, when the recording stops.
 */
final class VoiceNoteRecorder {
  static final double MAX_SECONDS = 120;

  private final MicrophoneLine line;
  private final Path file;
  private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
  private final Thread reader;
  private volatile boolean running = true;

  private VoiceNoteRecorder(MicrophoneLine line, Path file, Listener listener) {
    this.line = line;
    this.file = file;
    this.reader = new Thread(() -> read(listener), "sentio-voice-note");
    reader.setDaemon(true);
  }

  /** Hears the recording; called on the reader thread. */
  interface Listener {
    /** The level of the last block in [0, 1] (−60 dBFS … 0 dBFS) and the seconds recorded. */
    void level(double level, double seconds);

    /** The recording reached {@link #MAX_SECONDS} or the microphone stopped. */
    void ended();
  }

  /** Opens {@code microphone} and starts recording into {@code file} (written on stop). */
  static VoiceNoteRecorder start(
      Microphones microphones, String microphone, Path file, Listener listener)
      throws CaptureException {
    VoiceNoteRecorder r = new VoiceNoteRecorder(microphones.open(microphone), file, listener);
    r.reader.start();
    return r;
  }

  private void read(Listener listener) {
    AudioFormat f = line.format();
    int frameBytes = f.getFrameSize();
    byte[] buffer = new byte[Math.max(frameBytes, (int) (f.getSampleRate() * 0.05) * frameBytes)];
    long maxBytes = (long) (MAX_SECONDS * f.getSampleRate()) * frameBytes;
    while (running) {
      int n = line.read(buffer, 0, buffer.length);
      if (n <= 0) {
        break;
      }
      synchronized (pcm) {
        pcm.write(buffer, 0, n);
      }
      listener.level(level(buffer, n), pcm.size() / (double) frameBytes / f.getSampleRate());
      if (pcm.size() >= maxBytes) {
        break;
      }
    }
    if (running) {
      listener.ended();
    }
  }

  /**
   * Root-mean-square level of 16-bit little-endian PCM on a −60 … 0 dBFS scale mapped to [0, 1].
   */
  static double level(byte[] pcm16le, int length) {
    double sum = 0;
    int n = length / 2;
    for (int i = 0; i < n; i++) {
      double v = (short) ((pcm16le[2 * i] & 0xff) | (pcm16le[2 * i + 1] << 8)) / 32768.0;
      sum += v * v;
    }
    double dbfs = n == 0 ? -60 : 10 * Math.log10(Math.max(1e-6, sum / n));
    return Math.max(0, Math.min(1, (dbfs + 60) / 60));
  }

  /**
   * Stops the microphone and writes the WAV file.
   *
   * @return the file, holding at least one frame
   * @throws IOException when it cannot be written
   */
  Path stop() throws IOException {
    running = false;
    line.close();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] bytes;
    synchronized (pcm) {
      bytes = pcm.toByteArray();
    }
    AudioFormat f = line.format();
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(bytes), f, bytes.length / f.getFrameSize())) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
    return file;
  }

  /** Stops the microphone and drops what was recorded. */
  void discard() {
    running = false;
    line.close();
  }
}
