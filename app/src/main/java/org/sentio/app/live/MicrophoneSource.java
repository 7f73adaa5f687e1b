package org.sentio.app.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sound.sampled.AudioFormat;

/**
 * Pictures from one source with sound from a chosen microphone (or no sound at all): the picture
 * source's own sound is dropped. A reader thread reads the microphone, turns it into 16 kHz mono
 * float and queues it; {@link #grab} hands the queued sound to the sink on the capture thread
 * before each picture, so the sink sees one thread only.
 */
public final class MicrophoneSource implements CaptureSource {
  private static final double BLOCK_SECONDS = 0.05;

  private final CaptureSource pictures;
  private final Microphones microphones;
  private final String microphone;
  private final ConcurrentLinkedQueue<Block> queued = new ConcurrentLinkedQueue<>();
  private MicrophoneLine line;
  private Thread reader;
  private volatile boolean running;
  private volatile CaptureException readFailure;

  private record Block(double seconds, float[] samples) {}

  private MicrophoneSource(CaptureSource pictures, Microphones microphones, String microphone) {
    this.pictures = pictures;
    this.microphones = microphones;
    this.microphone = microphone;
  }

  /** {@code pictures} with the sound of {@code microphone}, opened from {@code microphones}. */
  public static MicrophoneSource withMicrophone(
      CaptureSource pictures, Microphones microphones, String microphone) {
    return new MicrophoneSource(pictures, microphones, microphone);
  }

  /** {@code pictures} without any sound. */
  public static MicrophoneSource silent(CaptureSource pictures) {
    return new MicrophoneSource(pictures, null, null);
  }

  @Override
  public void start() throws CaptureException {
    pictures.start();
    if (microphones != null) {
      // opened once the pictures flow, so the sound's clock starts with theirs
      try {
        line = microphones.open(microphone);
      } catch (CaptureException | RuntimeException e) {
        pictures.close();
        throw e;
      }
    }
    if (line != null) {
      running = true;
      MicrophoneLine l = line;
      reader = new Thread(() -> read(l), "sentio-live-microphone");
      reader.setDaemon(true);
      reader.start();
    }
  }

  private void read(MicrophoneLine l) {
    AudioFormat f = l.format();
    int channels = f.getChannels();
    int factor = Math.max(1, Math.round(f.getSampleRate() / 16_000f));
    int frameBytes = 2 * channels;
    int frames = (int) Math.round(f.getSampleRate() * BLOCK_SECONDS) / factor * factor;
    byte[] buffer = new byte[frames * frameBytes];
    Downmix downmix = new Downmix(channels, factor);
    long produced = 0;
    while (running) {
      int n = l.read(buffer, 0, buffer.length);
      if (n <= 0) {
        if (running) {
          readFailure = new CaptureException(microphone + ": the microphone stopped", null);
        }
        break;
      }
      float[] out = downmix.apply(buffer, n / frameBytes);
      if (out.length > 0) {
        queued.add(new Block(produced / 16_000.0, out));
        produced += out.length;
      }
    }
  }

  /** 16-bit little-endian PCM, 1 or 2 channels, at 16 kHz × factor → 16 kHz mono float. */
  static final class Downmix {
    private final int channels;
    private final int factor;
    private double sum;
    private int count;

    Downmix(int channels, int factor) {
      this.channels = channels;
      this.factor = factor;
    }

    float[] apply(byte[] pcm, int frames) {
      float[] out = new float[(count + frames) / factor];
      int o = 0;
      for (int i = 0; i < frames; i++) {
        double v = 0;
        for (int c = 0; c < channels; c++) {
          int at = (i * channels + c) * 2;
          v += (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8)) / 32768.0;
        }
        sum += v / channels;
        if (++count == factor) {
          out[o++] = (float) (sum / factor);
          sum = 0;
          count = 0;
        }
      }
      return o == out.length ? out : java.util.Arrays.copyOf(out, o);
    }
  }

  @Override
  public boolean grab(Sink sink) throws CaptureException {
    Block b;
    while ((b = queued.poll()) != null) {
      sink.sound(b.seconds(), b.samples());
    }
    if (readFailure != null) {
      CaptureException e = readFailure;
      readFailure = null;
      throw e;
    }
    return pictures.grab(
        new Sink() {
          @Override
          public void picture(CapturedFrame frame) {
            sink.picture(frame);
          }

          @Override
          public void sound(double seconds, float[] samples16k) {
            // the chosen microphone's sound replaces the picture source's own
          }
        });
  }

  @Override
  public int width() {
    return pictures.width();
  }

  @Override
  public int height() {
    return pictures.height();
  }

  @Override
  public double frameRate() {
    return pictures.frameRate();
  }

  @Override
  public boolean hasAudio() {
    return microphones != null;
  }

  @Override
  public String description() {
    return microphones == null
        ? pictures.description() + ", no sound"
        : pictures.description() + ", microphone " + microphone;
  }

  @Override
  public void close() {
    running = false;
    closeLine();
    if (reader != null) {
      try {
        reader.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pictures.close();
  }

  private void closeLine() {
    if (line != null) {
      line.close();
      line = null;
    }
  }
}
