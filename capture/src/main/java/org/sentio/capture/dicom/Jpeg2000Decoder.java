package org.sentio.capture.dicom;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_JPEG2000;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVComponentDescriptor;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.BytePointer;
import org.sentio.capture.media.FfmpegLog;

/**
 * Decodes a JPEG 2000 codestream (or JP2 file) through FFmpeg's own {@code jpeg2000} decoder (LGPL,
 * bundled with JavaCV), which is GPL-compatible where the JJ2000-based ImageIO plug-in is not (ADR
 * 0003).
 *
 * <p>FFmpeg hands back samples scaled to its pixel format's depth and level-shifted to unsigned
 * even for signed components, so the stored values are recovered from the codestream's own
 * precision and sign (SIZ marker): {@code stored = (sample >> (depth - precision)) - (signed ?
 * 2^(precision-1) : 0)}.
 */
final class Jpeg2000Decoder {

  /** Refusal of a stream FFmpeg cannot decode, or a layout Sentio does not read. */
  static final class Jpeg2000Exception extends Exception {
    Jpeg2000Exception(String message) {
      super(message);
    }
  }

  /** Image size, component count, and precision and sign of the first component (SIZ segment). */
  record Siz(long width, long height, int components, int precision, boolean signed) {}

  private static final int SOC = 0xFF4F;
  private static final int SIZ = 0xFF51;

  private Jpeg2000Decoder() {}

  /**
   * Decodes one frame: grayscale samples as stored values (signed when the codestream says so), or
   * colour as packed 0xRRGGBB.
   */
  static int[] decode(byte[] data, int rows, int columns, boolean colour) throws Jpeg2000Exception {
    Siz siz =
        siz(data).orElseThrow(() -> new Jpeg2000Exception("no JPEG 2000 SIZ marker in the data"));
    if (siz.precision() > 16) {
      throw new Jpeg2000Exception(siz.precision() + "-bit JPEG 2000 samples are not supported");
    }
    // Checked before decoding: a damaged SIZ could otherwise make FFmpeg allocate gigabytes.
    if (siz.width() != columns || siz.height() != rows) {
      throw new Jpeg2000Exception(
          "the codestream is "
              + siz.width()
              + "×"
              + siz.height()
              + ", header says "
              + columns
              + "×"
              + rows);
    }
    if (siz.components() != (colour ? 3 : 1)) {
      throw new Jpeg2000Exception(
          "the codestream has "
              + siz.components()
              + " component(s), header says "
              + (colour ? 3 : 1)
              + " sample(s) per pixel");
    }
    FfmpegLog.install();
    FfmpegLog.clearLastError();
    AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_JPEG2000);
    if (codec == null) {
      throw new Jpeg2000Exception("the bundled FFmpeg has no jpeg2000 decoder");
    }
    AVCodecContext context = avcodec_alloc_context3(codec);
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      if (context == null || packet == null || frame == null) {
        throw new Jpeg2000Exception("FFmpeg could not allocate a decoder");
      }
      context.thread_count(1);
      check(avcodec_open2(context, codec, (AVDictionary) null), "open the jpeg2000 decoder");
      check(av_new_packet(packet, data.length), "allocate a packet");
      packet.data().capacity(data.length).put(data);
      check(avcodec_send_packet(context, packet), "decode");
      check(avcodec_send_packet(context, null), "decode");
      check(avcodec_receive_frame(context, frame), "decode");
      if (frame.width() != columns || frame.height() != rows) {
        throw new Jpeg2000Exception(
            "decoded frame is "
                + frame.width()
                + "×"
                + frame.height()
                + ", header says "
                + columns
                + "×"
                + rows);
      }
      return colour ? colourSamples(frame) : graySamples(frame, siz);
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (context != null) {
        avcodec_free_context(context);
      }
    }
  }

  private static void check(int result, String what) throws Jpeg2000Exception {
    if (result < 0) {
      throw new Jpeg2000Exception(
          "FFmpeg could not "
              + what
              + ": "
              + FfmpegLog.lastError().orElse(FfmpegLog.describe(result)));
    }
  }

  /** Finds SIZ right after SOC, in a bare codestream or inside a JP2 file's codestream box. */
  static Optional<Siz> siz(byte[] d) {
    for (int i = 0; i + 42 < d.length; i++) {
      if (u16(d, i) == SOC && u16(d, i + 2) == SIZ) {
        int s = i + 2;
        long width = u32(d, s + 6) - u32(d, s + 14);
        long height = u32(d, s + 10) - u32(d, s + 18);
        int components = u16(d, s + 38);
        int ssiz = d[s + 40] & 0xFF;
        return Optional.of(
            new Siz(width, height, components, (ssiz & 0x7F) + 1, (ssiz & 0x80) != 0));
      }
    }
    return Optional.empty();
  }

  private static int u16(byte[] d, int p) {
    return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
  }

  private static long u32(byte[] d, int p) {
    return (long) u16(d, p) << 16 | u16(d, p + 2);
  }

  private static int[] graySamples(AVFrame frame, Siz siz) throws Jpeg2000Exception {
    Plane luma = plane(frame, 0);
    int shift = luma.depth() - siz.precision();
    if (shift < 0) {
      throw new Jpeg2000Exception(
          "FFmpeg decoded " + siz.precision() + "-bit samples into " + luma.depth() + " bits");
    }
    int offset = siz.signed() ? 1 << (siz.precision() - 1) : 0;
    int w = frame.width();
    int[] out = new int[w * frame.height()];
    for (int y = 0; y < frame.height(); y++) {
      for (int x = 0; x < w; x++) {
        out[y * w + x] = (luma.sample(x, y) >>> shift) - offset;
      }
    }
    return out;
  }

  private static int[] colourSamples(AVFrame frame) throws Jpeg2000Exception {
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(frame.format());
    if (desc.nb_components() < 3) {
      throw new Jpeg2000Exception(
          "a colour image decoded to " + formatName(frame) + " (fewer than three components)");
    }
    Plane a = plane(frame, 0);
    Plane b = plane(frame, 1);
    Plane c = plane(frame, 2);
    boolean rgb = (desc.flags() & AV_PIX_FMT_FLAG_RGB) != 0;
    int w = frame.width();
    int[] out = new int[w * frame.height()];
    for (int y = 0; y < frame.height(); y++) {
      for (int x = 0; x < w; x++) {
        int r = a.sample8(x, y);
        int g = b.sample8(x, y);
        int bl = c.sample8(x, y);
        out[y * w + x] = rgb ? r << 16 | g << 8 | bl : PixelDecoder.ybrFullToRgb(r, g, bl);
      }
    }
    return out;
  }

  private static String formatName(AVFrame frame) {
    BytePointer name = av_get_pix_fmt_name(frame.format());
    return name == null ? "pixel format " + frame.format() : name.getString();
  }

  /** One component of a decoded frame, read through FFmpeg's own layout description. */
  private record Plane(
      BytePointer data, int lineSize, int step, int offset, int shift, int depth, boolean big) {

    int sample(int x, int y) {
      long p = (long) y * lineSize + (long) x * step + offset;
      int v;
      if (depth <= 8) {
        v = data.get(p) & 0xFF;
      } else {
        int lo = data.get(big ? p + 1 : p) & 0xFF;
        int hi = data.get(big ? p : p + 1) & 0xFF;
        v = hi << 8 | lo;
      }
      return (v >>> shift) & ((1 << depth) - 1);
    }

    int sample8(int x, int y) {
      return depth <= 8 ? sample(x, y) << (8 - depth) : sample(x, y) >>> (depth - 8);
    }
  }

  private static Plane plane(AVFrame frame, int component) throws Jpeg2000Exception {
    AVPixFmtDescriptor desc = av_pix_fmt_desc_get(frame.format());
    if (desc == null || component >= desc.nb_components()) {
      throw new Jpeg2000Exception("FFmpeg decoded to an unknown " + formatName(frame));
    }
    if (component > 0 && (desc.log2_chroma_w() != 0 || desc.log2_chroma_h() != 0)) {
      throw new Jpeg2000Exception(
          "FFmpeg decoded to " + formatName(frame) + ", subsampled colour is not supported");
    }
    AVComponentDescriptor comp = desc.comp(component);
    if (comp.depth() > 16 || (comp.depth() > 8 && comp.step() < 2)) {
      throw new Jpeg2000Exception("FFmpeg decoded to " + formatName(frame) + ", not supported");
    }
    int plane = comp.plane();
    BytePointer data = frame.data(plane);
    int lineSize = frame.linesize(plane);
    data.capacity((long) lineSize * frame.height());
    return new Plane(
        data,
        lineSize,
        comp.step(),
        comp.offset(),
        comp.shift(),
        comp.depth(),
        (desc.flags() & AV_PIX_FMT_FLAG_BE) != 0);
  }
}
