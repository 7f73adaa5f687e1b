package org.sentio.affect.deidentify;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.sentio.affect.face.BgrPixels;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.face.FaceDetection;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.capture.media.FfmpegLog;
import org.sentio.capture.media.MediaException;
import org.sentio.runtime.ModelException;

/**
 * Writes a de-identified copy of a recording: every video frame with its faces hidden by {@link
 * FaceMasker}, the sound with the voice shifted or left out. MPEG-4 video and AAC sound in an MP4
 * file, encoders every FFmpeg build has.
 *
 * <p>Faces are found with the shipped BlazeFace detector on every frame at a lower score threshold
 * than the analysis uses (a missed face is a leak, a blurred patch of wall is not), and a face
 * stays hidden for {@value #HOLD_SECONDS} s after it was last seen, so that a frame or two the
 * detector misses in the middle of a shot do not show it. A face the detector never finds (far
 * away, in profile, covered) is not hidden: the outcome counts the frames in which no face was
 * found so that the person sharing can check.
 *
 * <p>The voice: FFmpeg's {@code asetrate} plays the sound at {@code factor} times its rate (pitch
 * and formants both move by the factor), {@code aresample} brings it back to the original rate and
 * {@code atempo} restores the duration without touching the pitch. Unless a factor is given, it is
 * drawn at random from [{@value #LOW_MIN}, {@value #LOW_MAX}] or [{@value #HIGH_MIN}, {@value
 * #HIGH_MAX}] and not written anywhere, so that the shift cannot simply be undone with a known
 * inverse. A shift disguises a voice from a listener; it is not anonymity against a speaker
 * recogniser, which is why {@link VoiceTreatment#REMOVE} exists.
 */
public final class MediaDeidentifier {
  static final double HOLD_SECONDS = 0.5;
  static final double LOW_MIN = 0.78;
  static final double LOW_MAX = 0.86;
  static final double HIGH_MIN = 1.18;
  static final double HIGH_MAX = 1.30;

  /** A lower threshold than the analysis's 0.5: hiding a doubtful face is the safe side. */
  public static final BlazeFaceDetector.Options DETECTION =
      new BlazeFaceDetector.Options(0.3, 0.3, 20);

  private static final double SAME_FACE_IOU = 0.3;

  /**
   * What to do.
   *
   * @param pitchFactor the voice shift factor, or {@code NaN} to draw one at random
   */
  public record Options(FaceTreatment faces, VoiceTreatment voice, double pitchFactor) {
    public Options {
      if (!Double.isNaN(pitchFactor) && (pitchFactor < 0.5 || pitchFactor > 2.0)) {
        throw new IllegalArgumentException(
            "the pitch factor must be between 0.5 and 2.0, got " + pitchFactor);
      }
    }

    public static Options defaults() {
      return new Options(FaceTreatment.BLUR, VoiceTreatment.SHIFT, Double.NaN);
    }
  }

  /**
   * What was done.
   *
   * @param frames video frames written
   * @param framesWithFaces frames in which at least one face was found (or held from the frames
   *     before) and hidden
   * @param facesHidden face regions hidden, summed over frames
   * @param mostFacesInAFrame the largest number of faces hidden in one frame
   * @param audioSeconds seconds of sound written (0 when the voice was removed or there was none)
   * @param videoWritten whether the output has a video stream
   * @param audioWritten whether the output has a sound stream
   */
  public record Outcome(
      long frames,
      long framesWithFaces,
      long facesHidden,
      int mostFacesInAFrame,
      double audioSeconds,
      boolean videoWritten,
      boolean audioWritten) {}

  private MediaDeidentifier() {}

  /** A random shift factor, lower or higher than 1 with equal chance. */
  public static double randomPitchFactor(SecureRandom random) {
    return random.nextBoolean()
        ? LOW_MIN + random.nextDouble() * (LOW_MAX - LOW_MIN)
        : HIGH_MIN + random.nextDouble() * (HIGH_MAX - HIGH_MIN);
  }

  /**
   * Writes the de-identified copy of {@code in} to {@code out} (MP4).
   *
   * @throws MediaException naming the file that cannot be read or written; {@code out} is then
   *     removed
   */
  public static Outcome write(
      Path in, Path out, BlazeFaceDetector detector, Options options, ProgressListener progress)
      throws MediaException, ModelException {
    FfmpegLog.install();
    FfmpegLog.clearLastError();
    if (!Files.isRegularFile(in)) {
      throw new MediaException(in, "no such file; the session's media was moved or deleted");
    }
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber("file:" + in.toAbsolutePath());
    grabber.setOption("protocol_whitelist", "file");
    grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      release(grabber);
      throw new MediaException(in, "not a media file FFmpeg can read (" + reason(e) + ")", e);
    }
    try {
      return copy(grabber, in, out, detector, options, progress);
    } catch (MediaException | ModelException | RuntimeException e) {
      deleteQuietly(out);
      throw e;
    } finally {
      release(grabber);
    }
  }

  private static Outcome copy(
      FFmpegFrameGrabber grabber,
      Path in,
      Path out,
      BlazeFaceDetector detector,
      Options options,
      ProgressListener progress)
      throws MediaException, ModelException {
    boolean video = grabber.hasVideo() && grabber.getImageWidth() > 0;
    boolean audio = grabber.hasAudio() && options.voice() == VoiceTreatment.SHIFT;
    if (!video && !audio) {
      throw new MediaException(
          in, "has no video, and its sound is to be removed: there is nothing left to write");
    }
    int channels = audio ? Math.max(1, grabber.getAudioChannels()) : 0;
    int rate = grabber.getSampleRate();
    double factor =
        Double.isNaN(options.pitchFactor())
            ? randomPitchFactor(new SecureRandom())
            : options.pitchFactor();
    double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
    double total = grabber.getLengthInTime() / 1e6;
    FFmpegFrameRecorder recorder =
        new FFmpegFrameRecorder(
            out.toFile(),
            video ? grabber.getImageWidth() : 0,
            video ? grabber.getImageHeight() : 0,
            channels);
    recorder.setFormat("mp4");
    if (video) {
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(fps);
      recorder.setVideoQuality(3);
    }
    if (audio) {
      recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
      recorder.setSampleRate(rate);
      recorder.setAudioChannels(channels);
      recorder.setAudioBitrate(96_000);
    }
    FFmpegFrameFilter voice = null;
    try {
      recorder.start();
      if (audio) {
        voice = voiceShift(factor, rate, channels, grabber.getSampleFormat());
      }
      return frames(
          grabber, recorder, voice, detector, options.faces(), fps, total, progress, rate);
    } catch (FrameRecorder.Exception | FrameFilter.Exception e) {
      throw new MediaException(out, "cannot write the de-identified copy (" + reason(e) + ")", e);
    } catch (FrameGrabber.Exception e) {
      throw new MediaException(in, "cannot be read to the end (" + reason(e) + ")", e);
    } finally {
      if (voice != null) {
        try {
          voice.close();
        } catch (FrameFilter.Exception ignored) {
          // the filter is being abandoned
        }
      }
      try {
        recorder.close();
      } catch (FrameRecorder.Exception e) {
        // close() writes the MP4 index: without it the file cannot be played
        deleteQuietly(out);
      }
    }
  }

  static FFmpegFrameFilter voiceShift(double factor, int rate, int channels, int sampleFormat)
      throws FrameFilter.Exception {
    String filter =
        String.format(
            Locale.ROOT,
            "asetrate=%d,aresample=%d,atempo=%.6f",
            Math.round(rate * factor),
            rate,
            1 / factor);
    FFmpegFrameFilter f = new FFmpegFrameFilter(filter, channels);
    f.setSampleRate(rate);
    f.setSampleFormat(sampleFormat);
    f.start();
    return f;
  }

  private static Outcome frames(
      FFmpegFrameGrabber grabber,
      FFmpegFrameRecorder recorder,
      FFmpegFrameFilter voice,
      BlazeFaceDetector detector,
      FaceTreatment faces,
      double fps,
      double total,
      ProgressListener progress,
      int rate)
      throws FrameGrabber.Exception,
          FrameRecorder.Exception,
          FrameFilter.Exception,
          ModelException {
    long frames = 0;
    long framesWithFaces = 0;
    long facesHidden = 0;
    int most = 0;
    long samples = 0;
    List<FaceDetection> recent = List.of();
    double recentAt = Double.NEGATIVE_INFINITY;
    byte[] packed = null;
    for (Frame frame = grabber.grabFrame(voice != null, true, true, false);
        frame != null;
        frame = grabber.grabFrame(voice != null, true, true, false)) {
      if (frame.image != null) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        if (packed == null || packed.length != w * h * 3) {
          packed = new byte[w * h * 3];
        }
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        readPacked(pixels, frame.imageStride, w, h, packed);
        double t = frames / fps;
        List<FaceDetection> now = detector.detect(new BgrPixels(w, h, packed));
        List<FaceDetection> hide =
            t - recentAt <= HOLD_SECONDS
                ? FaceMasker.withRecent(now, recent, SAME_FACE_IOU)
                : new ArrayList<>(now);
        if (!now.isEmpty()) {
          recent = hide;
          recentAt = t;
        }
        for (FaceDetection face : hide) {
          FaceMasker.mask(packed, w, h, face, faces);
        }
        if (!hide.isEmpty()) {
          framesWithFaces++;
          facesHidden += hide.size();
          most = Math.max(most, hide.size());
        }
        writePacked(packed, w, h, pixels, frame.imageStride);
        recorder.record(frame);
        frames++;
        progress.onProgress(t, total, "hiding faces");
      } else if (frame.samples != null && voice != null) {
        voice.push(frame);
        samples += drain(voice, recorder);
      }
    }
    if (voice != null) {
      voice.push(null);
      samples += drain(voice, recorder);
    }
    return new Outcome(
        frames,
        framesWithFaces,
        facesHidden,
        most,
        voice == null ? 0 : samples / (double) rate,
        recorder.getImageWidth() > 0,
        voice != null);
  }

  private static long drain(FFmpegFrameFilter voice, FFmpegFrameRecorder recorder)
      throws FrameFilter.Exception, FrameRecorder.Exception {
    long samples = 0;
    for (Frame shifted = voice.pullSamples(); shifted != null; shifted = voice.pullSamples()) {
      recorder.recordSamples(shifted.sampleRate, shifted.audioChannels, shifted.samples);
      samples +=
          shifted.samples[0].limit()
              / Math.max(1, shifted.samples.length == 1 ? shifted.audioChannels : 1);
    }
    return samples;
  }

  private static void readPacked(ByteBuffer pixels, int stride, int w, int h, byte[] packed) {
    for (int y = 0; y < h; y++) {
      pixels.get(y * stride, packed, y * w * 3, w * 3);
    }
  }

  private static void writePacked(byte[] packed, int w, int h, ByteBuffer pixels, int stride) {
    for (int y = 0; y < h; y++) {
      pixels.put(y * stride, packed, y * w * 3, w * 3);
    }
  }

  private static String reason(Throwable e) {
    return FfmpegLog.lastError().orElse(String.valueOf(e.getMessage()));
  }

  private static void release(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException ignored) {
      // the grabber is being abandoned
    }
  }

  private static void deleteQuietly(Path out) {
    try {
      Files.deleteIfExists(out);
    } catch (java.io.IOException ignored) {
      // a half-written file the user will see and may delete
    }
  }
}
