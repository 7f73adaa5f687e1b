package org.sentio.app.ui.review;

import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.sentio.capture.media.AudioBlock;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;

/**
 * Sound decoded by FFmpeg ({@link MediaSource}, 16 kHz mono) and played through a Java Sound {@link
 * SourceDataLine}, for formats JavaFX media cannot play. The whole track is held as 16-bit samples
 * (32 kB a second). A writer thread owns the line; the clock is the samples written less those
 * still queued in the line.
 */
final class LinePlayback implements AudioPlayback {
  static final int RATE = 16_000;
  private static final AudioFormat FORMAT = new AudioFormat(RATE, 16, 1, true, false);
  private static final int CHUNK = RATE / 25;

  private final short[] pcm;
  private final SourceDataLine line;
  private final Thread writer;
  private final Object lock = new Object();
  private volatile boolean playing;
  private volatile boolean closed;
  private volatile long cursor;
  private long seekTo = -1;

  private LinePlayback(short[] pcm, SourceDataLine line) {
    this.pcm = pcm;
    this.line = line;
    writer = new Thread(this::write, "sentio-review-audio");
    writer.setDaemon(true);
    writer.start();
  }

  /** Whether Java Sound offers a line that plays 16 kHz mono 16-bit sound. */
  static boolean deviceAvailable() {
    try {
      return AudioSystem.isLineSupported(new DataLine.Info(SourceDataLine.class, FORMAT));
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Decodes {@code file}'s sound and opens the default output line for it. */
  static LinePlayback open(Path file, java.util.function.BooleanSupplier cancelled)
      throws AudioUnavailableException {
    if (!deviceAvailable()) {
      throw new AudioUnavailableException(
          AudioUnavailableException.Reason.NO_DEVICE, "no audio output device");
    }
    short[] pcm = decode(file, cancelled);
    if (cancelled.getAsBoolean()) {
      throw new AudioUnavailableException(
          AudioUnavailableException.Reason.UNREADABLE, "no longer wanted");
    }
    SourceDataLine line;
    try {
      line = AudioSystem.getSourceDataLine(FORMAT);
      line.open(FORMAT, RATE / 5 * 2);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      throw new AudioUnavailableException(
          AudioUnavailableException.Reason.NO_DEVICE, String.valueOf(e.getMessage()), e);
    }
    return new LinePlayback(pcm, line);
  }

  /** The file's sound as 16 kHz mono 16-bit samples, silence before its first block. */
  static short[] decode(Path file) throws AudioUnavailableException {
    return decode(file, () -> false);
  }

  /** As above; stops early (returning what it has) once {@code cancelled} says so. */
  static short[] decode(Path file, java.util.function.BooleanSupplier cancelled)
      throws AudioUnavailableException {
    try (MediaSource source = MediaSource.open(file, new CaptureOptions(0.2, RATE))) {
      if (!source.info().hasAudio()) {
        throw new AudioUnavailableException(
            AudioUnavailableException.Reason.UNREADABLE, file.getFileName() + ": no sound");
      }
      Samples out = new Samples();
      source.stream(
          new MediaListener() {
            @Override
            public void onAudio(AudioBlock block) {
              out.add(block);
            }
          },
          cancelled);
      return out.toArray();
    } catch (MediaException | RuntimeException e) {
      throw new AudioUnavailableException(
          AudioUnavailableException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
    }
  }

  /** A growing buffer of 16-bit samples. */
  static final class Samples {
    private short[] data = new short[RATE * 4];
    private int size;
    private boolean started;

    void add(AudioBlock block) {
      if (!started) {
        started = true;
        int lead = (int) Math.max(0, Math.round(block.timestampSeconds() * RATE));
        ensure(lead);
        size = lead;
      }
      float[] s = block.samples();
      ensure(size + s.length);
      for (float v : s) {
        data[size++] = (short) Math.round(Math.max(-1f, Math.min(1f, v)) * 32767f);
      }
    }

    private void ensure(int n) {
      if (n > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(n, data.length * 2));
      }
    }

    short[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }

  @Override
  public void play(double seconds) {
    synchronized (lock) {
      seekTo = toSample(seconds);
      playing = true;
      lock.notifyAll();
    }
  }

  @Override
  public void pause() {
    synchronized (lock) {
      playing = false;
      lock.notifyAll();
    }
  }

  @Override
  public void seek(double seconds) {
    synchronized (lock) {
      seekTo = toSample(seconds);
      lock.notifyAll();
    }
  }

  private long toSample(double seconds) {
    return Math.max(0, Math.min(pcm.length, Math.round(seconds * RATE)));
  }

  @Override
  public double position() {
    long queued = Math.max(0, (line.getBufferSize() - line.available()) / 2);
    return Math.max(0, cursor - queued) / (double) RATE;
  }

  private void write() {
    byte[] bytes = new byte[CHUNK * 2];
    try {
      while (!closed) {
        boolean play;
        long seek;
        synchronized (lock) {
          while (!closed && !playing && seekTo < 0) {
            if (line.isRunning()) {
              break;
            }
            lock.wait();
          }
          play = playing;
          seek = seekTo;
          seekTo = -1;
        }
        if (closed) {
          break;
        }
        if (seek >= 0) {
          line.stop();
          line.flush();
          cursor = seek;
        }
        if (!play || cursor >= pcm.length) {
          if (line.isRunning()) {
            line.stop();
          }
          if (play) {
            synchronized (lock) {
              if (seekTo < 0 && !closed) {
                lock.wait(50);
              }
            }
          }
          continue;
        }
        if (!line.isRunning()) {
          line.start();
        }
        int n = (int) Math.min(CHUNK, pcm.length - cursor);
        for (int i = 0; i < n; i++) {
          short v = pcm[(int) cursor + i];
          bytes[2 * i] = (byte) v;
          bytes[2 * i + 1] = (byte) (v >> 8);
        }
        line.write(bytes, 0, n * 2);
        cursor += n;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the device went away: the clock stops, the review carries on without sound
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    line.stop();
    line.flush();
    try {
      writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.close();
  }
}
