package org.sentio.capture.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_JPEG2000;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY12LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG 2000 layouts the two fixtures do not cover (12-bit unsigned, colour with odd dimensions),
 * encoded losslessly here with FFmpeg's own JPEG 2000 encoder and decoded back through DICOM files.
 */
class Jpeg2000DecoderTest {

  @Test
  void twelveBitUnsignedGrayscaleDecodesExactly(@TempDir Path tmp) throws Exception {
    DicomFile mr = DicomParser.parse(DicomReaderTest.file("MR_small.dcm"));
    int[] pixels = DicomReader.decode(mr).frames().get(0).stored();
    assertThat(Arrays.stream(pixels).max().getAsInt()).isLessThan(1 << 12);
    assertThat(Arrays.stream(pixels).min().getAsInt()).isNotNegative();
    int w = 64;
    byte[] samples = new byte[pixels.length * 2];
    for (int i = 0; i < pixels.length; i++) {
      samples[2 * i] = (byte) pixels[i];
      samples[2 * i + 1] = (byte) (pixels[i] >> 8);
    }
    byte[] codestream = encode(w, 64, AV_PIX_FMT_GRAY12LE, 2, samples);
    assertThat(Jpeg2000Decoder.siz(codestream).orElseThrow())
        .isEqualTo(new Jpeg2000Decoder.Siz(64, 64, 1, 12, false));

    DicomDataset ds = mr.dataset();
    ds.putInts(Tag.BITS_STORED, "US", 12);
    ds.putInts(Tag.HIGH_BIT, "US", 11);
    ds.putInts(Tag.PIXEL_REPRESENTATION, "US", 0);
    ds.put(DicomElement.ofFragments(Tag.PIXEL_DATA, "OB", List.of(new byte[0], pad(codestream))));
    Path p = tmp.resolve("MR_j2k_12bit.dcm");
    DicomWriter.write(p, mr.meta(), ds, TransferSyntax.JPEG_2000_LOSSLESS);

    DicomReader.Image img = DicomReader.readImage(p);
    assertThat(img.info().bitsStored()).isEqualTo(12);
    assertThat(img.frames().get(0).stored()).isEqualTo(pixels);
  }

  @Test
  void colourWithOddDimensionsDecodesExactly(@TempDir Path tmp) throws Exception {
    DicomFile rgb = DicomParser.parse(DicomReaderTest.file("SC_rgb_small_odd.dcm"));
    DicomReader.Image source = DicomReader.decode(rgb);
    int w = source.info().columns();
    int h = source.info().rows();
    assertThat(w % 2 == 1 || h % 2 == 1).isTrue();
    int[] packed = source.frames().get(0).stored();
    byte[] samples = new byte[packed.length * 3];
    for (int i = 0; i < packed.length; i++) {
      samples[3 * i] = (byte) (packed[i] >> 16);
      samples[3 * i + 1] = (byte) (packed[i] >> 8);
      samples[3 * i + 2] = (byte) packed[i];
    }
    byte[] codestream = encode(w, h, AV_PIX_FMT_RGB24, 3, samples);

    DicomDataset ds = rgb.dataset();
    ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, "CS", "RGB");
    ds.putInts(Tag.PLANAR_CONFIGURATION, "US", 0);
    ds.put(DicomElement.ofFragments(Tag.PIXEL_DATA, "OB", List.of(new byte[0], pad(codestream))));
    Path p = tmp.resolve("rgb_j2k.dcm");
    DicomWriter.write(p, rgb.meta(), ds, TransferSyntax.JPEG_2000_LOSSLESS);

    assertThat(DicomReader.readImage(p).frames().get(0).stored()).isEqualTo(packed);
  }

  @Test
  void codestreamThatDisagreesWithTheHeaderIsRefusedBeforeDecoding(@TempDir Path tmp)
      throws Exception {
    DicomFile j2k = DicomParser.parse(DicomReaderTest.file("MR_small_jp2klossless.dcm"));
    DicomDataset ds = j2k.dataset();
    ds.putInts(Tag.ROWS, "US", 32);
    Path p = tmp.resolve("wrong_rows.dcm");
    DicomWriter.write(p, j2k.meta(), ds, j2k.transferSyntax());
    assertThatThrownBy(() -> DicomReader.readImage(p))
        .isInstanceOf(DicomException.class)
        .hasMessageStartingWith(p + ": ")
        .hasMessageContaining(
            "JPEG 2000 Image Compression (Lossless Only) (1.2.840.10008.1.2.4.90)")
        .hasMessageContaining("the codestream is 64×64, header says 64×32");

    DicomElement px = ds.get(Tag.PIXEL_DATA).orElseThrow();
    byte[] noise = new byte[px.fragments().get(1).length];
    new java.util.Random(7).nextBytes(noise);
    ds.putInts(Tag.ROWS, "US", 64);
    ds.put(DicomElement.ofFragments(Tag.PIXEL_DATA, px.vr(), List.of(new byte[0], noise)));
    Path q = tmp.resolve("noise.dcm");
    DicomWriter.write(q, j2k.meta(), ds, j2k.transferSyntax());
    assertThatThrownBy(() -> DicomReader.readImage(q))
        .isInstanceOf(DicomException.class)
        .hasMessageStartingWith(q + ": ")
        .hasMessageContaining("no JPEG 2000 SIZ marker");
  }

  private static byte[] pad(byte[] fragment) {
    return fragment.length % 2 == 0 ? fragment : Arrays.copyOf(fragment, fragment.length + 1);
  }

  /** One frame through FFmpeg's JPEG 2000 encoder, reversible 5/3 wavelet: lossless. */
  static byte[] encode(int width, int height, int pixelFormat, int bytesPerPixel, byte[] samples) {
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_JPEG2000);
    AVCodecContext context = avcodec_alloc_context3(codec);
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    try {
      context.width(width);
      context.height(height);
      context.pix_fmt(pixelFormat);
      context.time_base(av_make_q(1, 1));
      av_opt_set(context.priv_data(), "pred", "dwt53", 0);
      av_opt_set(context.priv_data(), "format", "j2k", 0);
      assertThat(avcodec_open2(context, codec, (AVDictionary) null)).isZero();
      frame.format(pixelFormat);
      frame.width(width);
      frame.height(height);
      assertThat(av_frame_get_buffer(frame, 0)).isZero();
      BytePointer data = frame.data(0);
      int lineSize = frame.linesize(0);
      data.capacity((long) lineSize * height);
      int row = width * bytesPerPixel;
      for (int y = 0; y < height; y++) {
        data.position((long) y * lineSize).put(samples, y * row, row);
      }
      data.position(0);
      assertThat(avcodec_send_frame(context, frame)).isZero();
      assertThat(avcodec_send_frame(context, null)).isZero();
      assertThat(avcodec_receive_packet(context, packet)).isZero();
      byte[] out = new byte[packet.size()];
      packet.data().capacity(out.length).get(out);
      return out;
    } finally {
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(context);
    }
  }
}
