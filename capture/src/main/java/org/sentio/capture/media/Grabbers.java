package org.sentio.capture.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** Opening FFmpeg grabbers on user files, with the checks and messages a user can act on. */
final class Grabbers {

  /**
   * FFmpeg decoder threads, the same for streaming and for the decode-only benchmark: "0" lets
   * FFmpeg pick from the core count.
   */
  static final String DECODER_THREADS = "0";

  private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");

  private Grabbers() {}

  /** Fails with a one-line message when {@code path} is not a readable, non-empty regular file. */
  static void checkReadableFile(Path path) throws MediaException {
    if (!Files.exists(path)) {
      throw new MediaException(path, "no such file");
    }
    if (Files.isDirectory(path)) {
      throw new MediaException(path, "is a folder, not a media file");
    }
    if (!Files.isRegularFile(path)) {
      throw new MediaException(path, "is not a regular file");
    }
    long size;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      size = channel.size();
    } catch (AccessDeniedException e) {
      throw new MediaException(path, "cannot be read (permission denied)", e);
    } catch (NoSuchFileException e) {
      throw new MediaException(path, "no such file", e);
    } catch (IOException e) {
      throw new MediaException(path, "cannot be read (" + e.getMessage() + ")", e);
    }
    if (size == 0) {
      throw new MediaException(path, "the file is empty (0 bytes)");
    }
  }

  /**
   * Opens and starts a grabber on {@code path}. With {@code options} null the grabber is left as
   * FFmpeg opens it (for probing); otherwise it is set up for analysis.
   */
  static FFmpegFrameGrabber start(Path path, CaptureOptions options) throws MediaException {
    return start(path, grabber -> configure(grabber, options), options != null);
  }

  /** Opens and starts a grabber on {@code path}, set up by {@code setup} before it starts. */
  static FFmpegFrameGrabber startWith(Path path, Consumer<FFmpegFrameGrabber> setup)
      throws MediaException {
    return start(path, setup, true);
  }

  private static FFmpegFrameGrabber start(
      Path path, Consumer<FFmpegFrameGrabber> setup, boolean configured) throws MediaException {
    checkReadableFile(path);
    FfmpegLog.install();
    FfmpegLog.clearLastError();
    // "file:" keeps names with a colon from being read as a protocol; the whitelist keeps
    // playlists and references inside a file from reaching anything but local files.
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber("file:" + path.toAbsolutePath());
    grabber.setOption("protocol_whitelist", "file");
    if (configured) {
      setup.accept(grabber);
    }
    try {
      grabber.start();
      return grabber;
    } catch (FrameGrabber.Exception | RuntimeException e) {
      closeQuietly(grabber);
      String msg = String.valueOf(e.getMessage());
      if (msg.startsWith("Did not find a video or audio stream")) {
        throw new MediaException(path, "has no audio or video stream", e);
      }
      if (msg.startsWith("avcodec_find_decoder()")) {
        throw new MediaException(
            path, "uses a codec this build of FFmpeg cannot decode (" + after(msg, ": ") + ")", e);
      }
      throw new MediaException(path, "not a media file FFmpeg can read (" + reason(e) + ")", e);
    }
  }

  static void configure(FFmpegFrameGrabber grabber, CaptureOptions options) {
    grabber.setVideoOption(
        "threads",
        options.decoderThreads() > 0
            ? Integer.toString(options.decoderThreads())
            : DECODER_THREADS);
    if (options.referenceFramesOnly()) {
      grabber.setVideoOption("skip_frame", "noref");
    }
    // RAW: the grabber hands over the decoder's own picture; only analysed frames are converted.
    grabber.setImageMode(FrameGrabber.ImageMode.RAW);
    grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
    grabber.setSampleRate(options.audioSampleRate());
    grabber.setAudioChannels(1);
  }

  /** FFmpeg's reason for a failure: its last logged error, else the error code's description. */
  static String reason(Throwable e) {
    String logged = FfmpegLog.lastError().orElse(null);
    if (logged != null) {
      return stripContext(logged);
    }
    String msg = String.valueOf(e.getMessage());
    Matcher m = ERROR_CODE.matcher(msg);
    if (m.find()) {
      try {
        return FfmpegLog.describe(Integer.parseInt(m.group(1)));
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    return msg;
  }

  /** Removes FFmpeg's "[mov,mp4,… @ 0x55d…]" prefix if the log line carries one. */
  static String stripContext(String logLine) {
    return logLine.replaceFirst("^\\[[^\\]]*@ ?0x[0-9a-fA-F]+\\]\\s*", "");
  }

  static MediaInfo info(Path path, FFmpegFrameGrabber grabber) {
    AVFormatContext oc = grabber.getFormatContext();
    double duration =
        oc.duration() == avutil.AV_NOPTS_VALUE || oc.duration() <= 0
            ? Double.NaN
            : oc.duration() / (double) avutil.AV_TIME_BASE;
    String format = oc.iformat() == null ? "unknown" : oc.iformat().name().getString();
    AVStream video = firstStream(oc, avutil.AVMEDIA_TYPE_VIDEO);
    AVStream audio = firstStream(oc, avutil.AVMEDIA_TYPE_AUDIO);
    String videoCodec = null;
    int width = 0;
    int height = 0;
    double fps = 0;
    if (video != null) {
      AVCodecParameters par = video.codecpar();
      videoCodec = avcodec.avcodec_get_name(par.codec_id()).getString();
      width = par.width();
      height = par.height();
      fps = rate(video.avg_frame_rate());
      if (fps <= 0) {
        fps = rate(video.r_frame_rate());
      }
    }
    String audioCodec = null;
    int sampleRate = 0;
    int channels = 0;
    if (audio != null) {
      AVCodecParameters par = audio.codecpar();
      audioCodec = avcodec.avcodec_get_name(par.codec_id()).getString();
      sampleRate = par.sample_rate();
      channels = par.ch_layout().nb_channels();
    }
    return new MediaInfo(
        path,
        duration,
        format,
        video != null,
        audio != null,
        videoCodec,
        width,
        height,
        fps,
        audioCodec,
        sampleRate,
        channels);
  }

  /** The first stream of a kind, as FFmpegFrameGrabber picks it; cover art does not count. */
  private static AVStream firstStream(AVFormatContext oc, int type) {
    for (int i = 0; i < oc.nb_streams(); i++) {
      AVStream st = oc.streams(i);
      if (st.codecpar().codec_type() == type
          && (st.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
        return st;
      }
    }
    return null;
  }

  private static double rate(AVRational r) {
    return r == null || r.num() <= 0 || r.den() <= 0 ? 0 : r.num() / (double) r.den();
  }

  private static String after(String msg, String sep) {
    int i = msg.lastIndexOf(sep);
    return i < 0 ? msg : msg.substring(i + sep.length());
  }

  static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException ignored) {
      // nothing left to do: the grabber is being abandoned
    }
  }
}
