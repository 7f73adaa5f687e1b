package org.sentio.capture.media;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The audio of a recording with its channels kept apart, each resampled to one rate: for calls
 * recorded with one party per channel. {@link MediaSource} mixes every channel into one.
 */
public final class ChannelAudio {
  private ChannelAudio() {}

  /** Receives blocks of audio, one array per channel, all of one length, in time order. */
  @FunctionalInterface
  public interface ChannelListener {
    void onChannels(float[][] block);
  }

  /** The channel count of the first audio stream of {@code path}, 0 when it has none. */
  public static int channels(Path path) throws MediaException {
    FFmpegFrameGrabber grabber = Grabbers.start(path, null);
    try {
      return Grabbers.info(path, grabber).channels();
    } finally {
      Grabbers.closeQuietly(grabber);
    }
  }

  /**
   * Streams every channel of the first audio stream of {@code path}, resampled to {@code
   * sampleRate} Hz, in blocks; nothing but the current block is held.
   *
   * @return the number of channels
   * @throws MediaException naming the file when it cannot be opened or has no audio stream
   */
  public static int stream(Path path, int sampleRate, ChannelListener listener)
      throws MediaException {
    FFmpegFrameGrabber grabber =
        Grabbers.startWith(
            path,
            g -> {
              g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
              g.setSampleRate(sampleRate);
            });
    try {
      int channels = grabber.getAudioChannels();
      if (!grabber.hasAudio() || channels <= 0) {
        throw new MediaException(path, "has no audio stream");
      }
      while (true) {
        Frame frame;
        try {
          frame = grabber.grabSamples();
        } catch (FrameGrabber.Exception | RuntimeException e) {
          throw new MediaException(path, "audio decoding failed (" + Grabbers.reason(e) + ")", e);
        }
        if (frame == null) {
          return channels;
        }
        if (frame.samples == null || frame.samples.length == 0) {
          continue;
        }
        FloatBuffer interleaved = (FloatBuffer) frame.samples[0];
        int length = interleaved.remaining() / channels;
        if (length == 0) {
          continue;
        }
        float[][] block = new float[channels][length];
        int base = interleaved.position();
        for (int i = 0; i < length; i++) {
          for (int c = 0; c < channels; c++) {
            block[c][i] = interleaved.get(base + i * channels + c);
          }
        }
        listener.onChannels(block);
      }
    } finally {
      Grabbers.closeQuietly(grabber);
    }
  }

  /**
   * Every channel of {@code path} at {@code sampleRate} Hz, whole. For clips and tests; long
   * recordings should be {@link #stream streamed}.
   */
  public static float[][] read(Path path, int sampleRate) throws MediaException {
    Collector collector = new Collector();
    stream(path, sampleRate, collector);
    if (collector.channels == null) {
      throw new MediaException(path, "no audio decoded; does the file have an audio stream?");
    }
    float[][] out = new float[collector.channels.length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = Arrays.copyOf(collector.channels[c], collector.size);
    }
    return out;
  }

  private static final class Collector implements ChannelListener {
    float[][] channels;
    int size;

    @Override
    public void onChannels(float[][] block) {
      if (channels == null) {
        channels = new float[block.length][16_000 * 8];
      }
      int n = block[0].length;
      if (size + n > channels[0].length) {
        for (int c = 0; c < channels.length; c++) {
          channels[c] = Arrays.copyOf(channels[c], Math.max(channels[c].length * 2, size + n));
        }
      }
      for (int c = 0; c < channels.length; c++) {
        System.arraycopy(block[c], 0, channels[c], size, n);
      }
      size += n;
    }
  }
}
