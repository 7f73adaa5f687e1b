package org.sentio.capture.media;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media file opened for analysis: decoded once, start to end, into video frames at the analysis
 * rate (BGR24) and all of its audio (mono float at the capture rate), never holding the whole file
 * in memory. Owns the FFmpeg grabber and the colour converter; {@link #close()} frees both.
 *
 * <p>Not thread-safe: open, stream and close on one thread (or hand it over with proper
 * publication).
 */
public final class MediaSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MediaSource.class);

  /** Tolerance on stream timestamps when matching frames to analysis ticks (seconds). */
  private static final double TICK_EPSILON = 1e-3;

  private final Path path;
  private final CaptureOptions options;
  private final FFmpegFrameGrabber grabber;
  private final MediaInfo info;
  private final long startMicros;

  private SwsContext sws;
  private BytePointer bgrBuffer;
  private long bgrCapacity;
  private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
  private final IntPointer dstStride = new IntPointer(4);
  private boolean streamed;
  private boolean closed;

  private MediaSource(Path path, CaptureOptions options, FFmpegFrameGrabber grabber) {
    this.path = path;
    this.options = options;
    this.grabber = grabber;
    this.info = Grabbers.info(path, grabber);
    long start = grabber.getFormatContext().start_time();
    this.startMicros = start == avutil.AV_NOPTS_VALUE ? 0 : start;
  }

  /**
   * Opens {@code path} for analysis.
   *
   * @throws MediaException with a one-line message naming the file and the problem
   */
  public static MediaSource open(Path path, CaptureOptions options) throws MediaException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    return new MediaSource(path, options, Grabbers.start(path, options));
  }

  /**
   * Checks, without decoding anything, that {@code path} is a readable, non-empty regular file, so
   * that a caller can refuse a missing file before it loads its models.
   *
   * @throws MediaException with the same one-line message that {@link #open} would give
   */
  public static void checkReadable(Path path) throws MediaException {
    Grabbers.checkReadableFile(Objects.requireNonNull(path, "path"));
  }

  /** Opens {@code path} with {@link CaptureOptions#defaults()}. */
  public static MediaSource open(Path path) throws MediaException {
    return open(path, CaptureOptions.defaults());
  }

  /** What the file holds, as probed when it was opened. */
  public MediaInfo info() {
    return info;
  }

  public CaptureOptions options() {
    return options;
  }

  /**
   * Decodes the file once, from start to end, handing the listener one video frame per analysis
   * tick (the first decoded frame at or after each tick k / fps) and every block of audio. Frames
   * that are not analysed are never colour-converted. Can be called once.
   *
   * @param cancelled polled between decoded frames; when it returns true the run stops and the
   *     summary says so
   * @return how far decoding got; carries a warning when the file broke off before its stated end
   * @throws MediaException when nothing at all could be decoded (e.g. a file cut off right after
   *     its header)
   */
  public StreamSummary stream(MediaListener listener, BooleanSupplier cancelled)
      throws MediaException {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancelled, "cancelled");
    if (closed) {
      throw new IllegalStateException("MediaSource is closed: " + path);
    }
    if (streamed) {
      throw new IllegalStateException("MediaSource can be streamed once: " + path);
    }
    streamed = true;
    FfmpegLog.clearLastError();

    final double fps = options.analysisFps();
    final int rate = options.audioSampleRate();
    final double frameDuration = info.frameRate() > 0 ? 1.0 / info.frameRate() : 0;
    long nextTick = 0;
    long framesEmitted = 0;
    long audioSamples = 0;
    double audioStart = Double.NaN;
    double decodedUntil = 0;
    boolean anyDecoded = false;
    boolean wasCancelled = false;
    String breakReason = null;
    Throwable breakCause = null;
    long decodeNanos = 0;

    while (true) {
      if (cancelled.getAsBoolean()) {
        wasCancelled = true;
        break;
      }
      Frame frame;
      long grabStart = System.nanoTime();
      try {
        frame = grabber.grabFrame(true, true, true, false, false);
      } catch (FrameGrabber.Exception | RuntimeException e) {
        breakReason = Grabbers.reason(e);
        breakCause = e;
        break;
      } finally {
        decodeNanos += System.nanoTime() - grabStart;
      }
      if (frame == null) {
        break;
      }
      if (frame.image != null && frame.opaque instanceof AVFrame picture) {
        anyDecoded = true;
        double ts = seconds(frame.timestamp);
        decodedUntil = Math.max(decodedUntil, ts + frameDuration);
        if (ts >= nextTick / fps - TICK_EPSILON) {
          long convertStart = System.nanoTime();
          VideoFrame bgr = toBgrFrame(ts, picture);
          decodeNanos += System.nanoTime() - convertStart;
          listener.onVideoFrame(bgr);
          framesEmitted++;
          nextTick = (long) Math.floor((ts + TICK_EPSILON) * fps) + 1;
        }
      } else if (frame.samples != null && frame.samples.length > 0) {
        float[] samples = copySamples((FloatBuffer) frame.samples[0]);
        if (samples.length == 0) {
          continue;
        }
        anyDecoded = true;
        if (Double.isNaN(audioStart)) {
          audioStart = Math.max(0, seconds(frame.timestamp));
        }
        // Block times follow the sample count, so the resampled audio stays gap-free.
        double t = audioStart + audioSamples / (double) rate;
        audioSamples += samples.length;
        decodedUntil = Math.max(decodedUntil, t + samples.length / (double) rate);
        listener.onAudio(new AudioBlock(t, samples));
      }
    }

    double audioSeconds = audioSamples / (double) rate;
    Optional<String> warning = Optional.empty();
    if (!wasCancelled) {
      double duration = info.durationSeconds();
      boolean endedEarly =
          Double.isFinite(duration)
              && duration - decodedUntil > Math.max(0.5, 0.02 * duration)
              && decodedUntil < duration;
      if (breakReason != null || endedEarly) {
        String reason = breakReason != null ? breakReason : endOfInputReason();
        if (!anyDecoded) {
          throw new MediaException(
              path,
              "no audio or video could be decoded ("
                  + reason
                  + "); the file may be cut short or damaged",
              breakCause);
        }
        String of =
            Double.isFinite(duration) ? String.format(Locale.ROOT, " of %.1f s", duration) : "";
        String text =
            String.format(
                Locale.ROOT,
                "%s: decoding stopped at %.1f s%s (%s); analysed up to there",
                path,
                decodedUntil,
                of,
                OneLine.of(reason));
        LOG.warn(text, breakCause);
        warning = Optional.of(text);
      }
    }
    return new StreamSummary(
        framesEmitted, audioSeconds, decodedUntil, wasCancelled, warning, decodeNanos / 1e9);
  }

  /**
   * Decodes every video and audio frame of {@code path} with the same grabber settings (decoder
   * threads, audio resampling to 16 kHz mono) as {@link #stream}, converting no picture. For
   * benchmarks: the wall time includes opening the file.
   */
  public static DecodeStats decodeOnly(Path path) throws MediaException {
    long t0 = System.nanoTime();
    FFmpegFrameGrabber grabber = Grabbers.start(path, CaptureOptions.defaults());
    long frames = 0;
    long samples = 0;
    try {
      while (true) {
        Frame frame;
        try {
          frame = grabber.grabFrame(true, true, true, false, false);
        } catch (FrameGrabber.Exception e) {
          LOG.warn("{}: decoding stopped ({})", path, Grabbers.reason(e));
          break;
        }
        if (frame == null) {
          break;
        }
        if (frame.image != null) {
          frames++;
        } else if (frame.samples != null && frame.samples.length > 0) {
          samples += frame.samples[0].remaining();
        }
      }
    } finally {
      Grabbers.closeQuietly(grabber);
    }
    return new DecodeStats(frames, samples, (System.nanoTime() - t0) / 1e9);
  }

  /** Frees the grabber, the colour converter and the conversion buffer. Safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Grabbers.closeQuietly(grabber);
    if (sws != null) {
      swscale.sws_freeContext(sws);
      sws = null;
    }
    if (bgrBuffer != null) {
      avutil.av_free(bgrBuffer);
      bgrBuffer = null;
    }
    dstData.close();
    dstStride.close();
  }

  private double seconds(long timestampMicros) {
    return (timestampMicros - startMicros) / 1e6;
  }

  /** Why input ended when FFmpeg reported end of stream before the stated duration. */
  private String endOfInputReason() {
    String logged = FfmpegLog.lastError().orElse(null);
    if (logged != null) {
      return Grabbers.stripContext(logged);
    }
    AVFormatContext oc = grabber.getFormatContext();
    AVIOContext pb = oc == null ? null : oc.pb();
    if (pb != null && pb.error() < 0) {
      return FfmpegLog.describe(pb.error());
    }
    return "unexpected end of file";
  }

  private VideoFrame toBgrFrame(double ts, AVFrame picture) throws MediaException {
    int w = picture.width();
    int h = picture.height();
    sws =
        swscale.sws_getCachedContext(
            sws,
            w,
            h,
            picture.format(),
            w,
            h,
            avutil.AV_PIX_FMT_BGR24,
            swscale.SWS_BILINEAR,
            null,
            null,
            (DoublePointer) null);
    if (sws == null) {
      throw new MediaException(
          path, "cannot convert pictures of pixel format " + picture.format() + " to BGR");
    }
    int stride = w * 3;
    long size = (long) stride * h;
    if (bgrBuffer == null || bgrCapacity < size) {
      if (bgrBuffer != null) {
        avutil.av_free(bgrBuffer);
      }
      // av_malloc aligns for swscale's SIMD paths; a little slack for its wide stores.
      bgrBuffer = new BytePointer(avutil.av_malloc(size + 64)).capacity(size + 64);
      bgrCapacity = size;
    }
    dstData.put(0, bgrBuffer);
    dstStride.put(0, stride);
    swscale.sws_scale(sws, picture.data(), picture.linesize(), 0, h, dstData, dstStride);
    byte[] bgr = new byte[(int) size];
    bgrBuffer.position(0).get(bgr, 0, bgr.length);
    return new VideoFrame(ts, w, h, bgr);
  }

  private static float[] copySamples(FloatBuffer buffer) {
    FloatBuffer view = buffer.duplicate();
    float[] out = new float[view.remaining()];
    view.get(out);
    for (int i = 0; i < out.length; i++) {
      float s = out[i];
      if (s > 1f) {
        out[i] = 1f;
      } else if (s < -1f) {
        out[i] = -1f;
      } else if (s != s) {
        out[i] = 0f;
      }
    }
    return out;
  }
}
