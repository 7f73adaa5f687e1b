package org.sentio.app.live;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes a live recording to Matroska as it goes: a keyframe and a new cluster every second and
 * packets flushed to the file as they are muxed, so a process killed mid-recording leaves a file
 * FFmpeg plays up to the last second or so (Matroska needs no trailer to be read). MPEG-4 video,
 * 16-bit PCM sound: encoders every FFmpeg build has.
 */
public final class CrashSafeRecorder implements AutoCloseable {
  private final Path file;
  private final FFmpegFrameRecorder recorder;
  private final Frame picture;
  private final double frameRate;
  private long frames;
  private boolean closed;

  private CrashSafeRecorder(Path file, FFmpegFrameRecorder recorder, Frame picture, double fps) {
    this.file = file;
    this.recorder = recorder;
    this.picture = picture;
    this.frameRate = fps;
  }

  /**
   * Starts a recording.
   *
   * @param withAudio whether 16 kHz mono sound will be recorded too
   */
  public static CrashSafeRecorder start(
      Path file, int width, int height, double frameRate, boolean withAudio)
      throws CaptureException {
    FFmpegFrameRecorder r =
        new FFmpegFrameRecorder(file.toFile(), width, height, withAudio ? 1 : 0);
    r.setFormat("matroska");
    r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
    r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    r.setFrameRate(frameRate);
    r.setGopSize((int) Math.max(1, Math.round(frameRate)));
    r.setVideoQuality(5);
    if (withAudio) {
      r.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
      r.setSampleRate(16_000);
      r.setAudioChannels(1);
    }
    r.setOption("cluster_time_limit", "1000");
    r.setOption("flush_packets", "1");
    try {
      r.start();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      try {
        r.release();
      } catch (FrameRecorder.Exception ignored) {
        // abandoning it
      }
      throw new CaptureException(file + ": cannot start recording (" + e.getMessage() + ")", e);
    }
    return new CrashSafeRecorder(
        file, r, new Frame(width, height, Frame.DEPTH_UBYTE, 3), frameRate);
  }

  public Path file() {
    return file;
  }

  /** Records one BGR24 picture at media time {@code seconds}. */
  public synchronized void picture(byte[] bgr, int width, int height, double seconds)
      throws CaptureException {
    if (closed || width != picture.imageWidth || height != picture.imageHeight) {
      return;
    }
    ByteBuffer target = (ByteBuffer) picture.image[0];
    int stride = picture.imageStride;
    for (int y = 0; y < height; y++) {
      target.position(y * stride);
      target.put(bgr, y * width * 3, width * 3);
    }
    target.position(0);
    try {
      long micros = Math.round(seconds * 1e6);
      if (micros > recorder.getTimestamp()) {
        recorder.setTimestamp(micros);
      }
      recorder.record(picture, avutil.AV_PIX_FMT_BGR24);
      frames++;
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new CaptureException(file + ": recording failed (" + e.getMessage() + ")", e);
    }
  }

  /** Records a block of 16 kHz mono sound. */
  public synchronized void sound(float[] samples) throws CaptureException {
    if (closed || recorder.getAudioChannels() == 0) {
      return;
    }
    try {
      recorder.recordSamples(16_000, 1, FloatBuffer.wrap(samples));
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new CaptureException(file + ": recording failed (" + e.getMessage() + ")", e);
    }
  }

  /** Seconds of pictures recorded. */
  public synchronized double seconds() {
    return frames / frameRate;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      recorder.stop();
      recorder.release();
    } catch (FrameRecorder.Exception e) {
      // the file keeps what was written; Matroska reads without its index
    }
    picture.close();
  }
}
