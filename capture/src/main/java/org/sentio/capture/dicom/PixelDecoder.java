package org.sentio.capture.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes pixel data into stored values per frame: one int per pixel for grayscale (sign-extended
 * when Pixel Representation is 1), packed 0xRRGGBB for colour.
 */
final class PixelDecoder {

  /** Image geometry and sample layout, from the dataset. */
  record Layout(
      int rows,
      int columns,
      int frames,
      int samplesPerPixel,
      int bitsAllocated,
      int bitsStored,
      boolean signed,
      int planarConfiguration,
      String photometric) {

    int pixels() {
      return rows * columns;
    }

    boolean colour() {
      return samplesPerPixel == 3;
    }
  }

  static {
    // Register the JPEG plug-in explicitly: ImageIO's automatic scan uses the class loader of
    // whichever thread touched ImageIO first, which is not always ours (JavaFX, jlinked images).
    javax.imageio.spi.IIORegistry registry = javax.imageio.spi.IIORegistry.getDefaultInstance();
    try {
      registry.registerServiceProvider(
          new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
    } catch (RuntimeException | LinkageError e) {
      // Left to the automatic scan; a missing codec is reported per file.
    }
  }

  /** 256 Mi samples (1 GiB of ints): far beyond any CT series file, short of running out. */
  static final long MAX_SAMPLES = 1L << 28;

  private PixelDecoder() {}

  static Layout layout(Path path, DicomDataset ds) throws DicomException {
    int rows = ds.getInt(Tag.ROWS, 0);
    int cols = ds.getInt(Tag.COLUMNS, 0);
    int frames = Math.max(1, ds.getInt(Tag.NUMBER_OF_FRAMES, 1));
    int spp = ds.getInt(Tag.SAMPLES_PER_PIXEL, 1);
    int alloc = ds.getInt(Tag.BITS_ALLOCATED, 0);
    int stored = ds.getInt(Tag.BITS_STORED, alloc);
    if (rows <= 0 || cols <= 0) {
      throw new DicomException(path, "no image: Rows/Columns missing");
    }
    if ((long) rows * cols * frames > MAX_SAMPLES) {
      throw new DicomException(
          path, "image too large: " + cols + "×" + rows + "×" + frames + " frames");
    }
    if (spp != 1 && spp != 3) {
      throw new DicomException(path, "unsupported Samples per Pixel " + spp);
    }
    if (alloc != 1 && alloc != 8 && alloc != 16 && alloc != 32) {
      throw new DicomException(path, "unsupported Bits Allocated " + alloc);
    }
    if (spp == 3 && alloc != 8) {
      throw new DicomException(path, "unsupported colour image with Bits Allocated " + alloc);
    }
    return new Layout(
        rows,
        cols,
        frames,
        spp,
        alloc,
        stored <= 0 || stored > alloc ? alloc : stored,
        ds.getInt(Tag.PIXEL_REPRESENTATION, 0) == 1,
        ds.getInt(Tag.PLANAR_CONFIGURATION, 0),
        ds.getString(Tag.PHOTOMETRIC_INTERPRETATION, spp == 3 ? "RGB" : "MONOCHROME2"));
  }

  static List<int[]> decode(Path path, DicomDataset ds, TransferSyntax ts, Layout l)
      throws DicomException {
    DicomElement px =
        ds.get(Tag.PIXEL_DATA)
            .orElseThrow(() -> new DicomException(path, "no image: the file has no Pixel Data"));
    if (ts.codec() == TransferSyntax.Codec.NONE) {
      throw new DicomException(
          path,
          "unsupported transfer syntax "
              + ts.describe()
              + ": Sentio has no decoder for it; convert the study to an uncompressed, RLE, JPEG or"
              + " JPEG 2000 transfer syntax");
    }
    List<int[]> frames = new ArrayList<>();
    if (!ts.encapsulated()) {
      if (px.value() == null) {
        throw new DicomException(path, "damaged: native Pixel Data is encapsulated");
      }
      if (l.bitsAllocated() == 1) {
        return bitFrames(path, px.value(), l);
      }
      int bytesPerFrame = l.pixels() * l.samplesPerPixel() * l.bitsAllocated() / 8;
      if (px.value().length < (long) bytesPerFrame * l.frames()) {
        throw new DicomException(
            path,
            "truncated Pixel Data: "
                + px.value().length
                + " bytes for "
                + l.frames()
                + " frame(s) of "
                + bytesPerFrame);
      }
      for (int f = 0; f < l.frames(); f++) {
        frames.add(nativeFrame(px.value(), f * bytesPerFrame, l, ds.bigEndian()));
      }
      return frames;
    }
    if (px.fragments() == null) {
      throw new DicomException(
          path, "damaged: " + ts.displayName() + " requires encapsulated Pixel Data");
    }
    List<byte[]> perFrame = splitFrames(path, px.fragments(), l.frames());
    for (byte[] data : perFrame) {
      switch (ts.codec()) {
        case RLE -> frames.add(rleFrame(path, data, l));
        case JPEG_LS -> frames.add(jpegLsFrame(path, data, l, ts));
        case JPEG ->
            frames.add(
                !l.colour() && JpegExtendedDecoder.precision(data) == 12
                    ? jpeg12Frame(path, data, l, ts)
                    : imageIoFrame(path, data, l, ts));
        case JPEG_2000 -> frames.add(jpeg2000Frame(path, data, l, ts));
        default -> throw new IllegalStateException(ts.toString());
      }
    }
    return frames;
  }

  /** Bits Allocated 1 (segmentations): frames follow each other bit by bit, LSB first. */
  private static List<int[]> bitFrames(Path path, byte[] v, Layout l) throws DicomException {
    long bits = (long) l.pixels() * l.frames();
    if (v.length < (bits + 7) / 8) {
      throw new DicomException(path, "truncated 1-bit Pixel Data");
    }
    List<int[]> frames = new ArrayList<>();
    for (int f = 0; f < l.frames(); f++) {
      int[] out = new int[l.pixels()];
      for (int i = 0; i < out.length; i++) {
        long bit = (long) f * l.pixels() + i;
        out[i] = (v[(int) (bit >>> 3)] >>> (int) (bit & 7)) & 1;
      }
      frames.add(out);
    }
    return frames;
  }

  private static int[] nativeFrame(byte[] v, int off, Layout l, boolean big) {
    int n = l.pixels();
    int[] out = new int[n];
    if (l.colour()) {
      for (int i = 0; i < n; i++) {
        int r;
        int g;
        int b;
        if (l.planarConfiguration() == 1) {
          r = v[off + i] & 0xFF;
          g = v[off + n + i] & 0xFF;
          b = v[off + 2 * n + i] & 0xFF;
        } else {
          r = v[off + 3 * i] & 0xFF;
          g = v[off + 3 * i + 1] & 0xFF;
          b = v[off + 3 * i + 2] & 0xFF;
        }
        out[i] = toRgb(r, g, b, l.photometric());
      }
      return out;
    }
    int bytes = l.bitsAllocated() / 8;
    for (int i = 0; i < n; i++) {
      int p = off + i * bytes;
      int raw;
      if (bytes == 1) {
        raw = v[p] & 0xFF;
      } else if (bytes == 2) {
        raw =
            big
                ? ((v[p] & 0xFF) << 8 | (v[p + 1] & 0xFF))
                : ((v[p + 1] & 0xFF) << 8 | (v[p] & 0xFF));
      } else {
        raw =
            big
                ? ((v[p] & 0xFF) << 24
                    | (v[p + 1] & 0xFF) << 16
                    | (v[p + 2] & 0xFF) << 8
                    | (v[p + 3] & 0xFF))
                : ((v[p + 3] & 0xFF) << 24
                    | (v[p + 2] & 0xFF) << 16
                    | (v[p + 1] & 0xFF) << 8
                    | (v[p] & 0xFF));
      }
      out[i] = stored(raw, l);
    }
    return out;
  }

  /** Masks to Bits Stored and sign-extends when signed. */
  static int stored(int raw, Layout l) {
    int bits = l.bitsStored();
    if (bits >= 32) {
      return raw;
    }
    int v = raw & ((1 << bits) - 1);
    if (l.signed() && (v & (1 << (bits - 1))) != 0) {
      v -= 1 << bits;
    }
    return v;
  }

  private static int toRgb(int a, int b, int c, String photometric) {
    if (photometric.startsWith("YBR_FULL")) {
      return ybrFullToRgb(a, b, c);
    }
    return a << 16 | b << 8 | c;
  }

  /** Full-range YCbCr (ITU-R BT.601, as DICOM's YBR_FULL) to packed 0xRRGGBB. */
  static int ybrFullToRgb(int luma, int blue, int red) {
    double y = luma;
    double cb = blue - 128.0;
    double cr = red - 128.0;
    int r = clamp(y + 1.402 * cr);
    int g = clamp(y - 0.344136 * cb - 0.714136 * cr);
    int bl = clamp(y + 1.772 * cb);
    return r << 16 | g << 8 | bl;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static List<byte[]> splitFrames(Path path, List<byte[]> fragments, int frames)
      throws DicomException {
    if (fragments.size() < 2) {
      throw new DicomException(path, "damaged: encapsulated Pixel Data has no fragments");
    }
    List<byte[]> data = fragments.subList(1, fragments.size());
    List<byte[]> out = new ArrayList<>();
    if (frames == 1) {
      out.add(concat(data));
      return out;
    }
    if (data.size() == frames) {
      return new ArrayList<>(data);
    }
    byte[] bot = fragments.get(0);
    if (bot.length == 4 * frames) {
      long[] offsets = new long[frames + 1];
      for (int i = 0; i < frames; i++) {
        offsets[i] =
            (bot[4 * i] & 0xFFL)
                | (bot[4 * i + 1] & 0xFFL) << 8
                | (bot[4 * i + 2] & 0xFFL) << 16
                | (bot[4 * i + 3] & 0xFFL) << 24;
      }
      long total = 0;
      for (byte[] d : data) {
        total += d.length + 8;
      }
      offsets[frames] = total;
      for (int f = 0; f < frames; f++) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        long at = 0;
        for (byte[] d : data) {
          if (at >= offsets[f] && at < offsets[f + 1]) {
            frame.writeBytes(d);
          }
          at += d.length + 8;
        }
        out.add(frame.toByteArray());
      }
      return out;
    }
    throw new DicomException(
        path,
        "cannot split "
            + data.size()
            + " pixel data fragments into "
            + frames
            + " frames without an offset table");
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, PackBits segments. */
  static int[] rleFrame(Path path, byte[] data, Layout l) throws DicomException {
    if (data.length < 64) {
      throw new DicomException(path, "damaged RLE frame (no header)");
    }
    int segments = le32(data, 0);
    int bytesPerSample = l.bitsAllocated() / 8;
    int expected = l.samplesPerPixel() * bytesPerSample;
    if (segments != expected) {
      throw new DicomException(
          path, "damaged RLE frame: " + segments + " segments, " + expected + " expected");
    }
    int n = l.pixels();
    byte[][] seg = new byte[segments][];
    for (int s = 0; s < segments; s++) {
      int start = le32(data, 4 + 4 * s);
      int end = s + 1 < segments ? le32(data, 8 + 4 * s) : data.length;
      if (start < 64 || start > data.length || end < start || end > data.length) {
        throw new DicomException(path, "damaged RLE frame: bad segment offset");
      }
      seg[s] = unpackBits(path, data, start, end, n);
    }
    int[] out = new int[n];
    if (l.colour()) {
      for (int i = 0; i < n; i++) {
        out[i] = toRgb(seg[0][i] & 0xFF, seg[1][i] & 0xFF, seg[2][i] & 0xFF, l.photometric());
      }
      return out;
    }
    for (int i = 0; i < n; i++) {
      int raw = 0;
      for (int s = 0; s < bytesPerSample; s++) {
        raw = raw << 8 | (seg[s][i] & 0xFF); // most significant byte first
      }
      out[i] = stored(raw, l);
    }
    return out;
  }

  private static byte[] unpackBits(Path path, byte[] d, int start, int end, int n)
      throws DicomException {
    byte[] out = new byte[n];
    int o = 0;
    int i = start;
    while (o < n && i < end) {
      int h = d[i++];
      if (h >= 0) {
        int count = h + 1;
        if (i + count > end || o + count > n) {
          throw new DicomException(path, "damaged RLE segment (literal run overflows)");
        }
        System.arraycopy(d, i, out, o, count);
        i += count;
        o += count;
      } else if (h != -128) {
        int count = -h + 1;
        if (i >= end || o + count > n) {
          throw new DicomException(path, "damaged RLE segment (repeat run overflows)");
        }
        byte b = d[i++];
        for (int k = 0; k < count; k++) {
          out[o++] = b;
        }
      }
    }
    if (o < n) {
      throw new DicomException(path, "truncated RLE segment: " + o + " of " + n + " bytes");
    }
    return out;
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }

  private static int[] jpeg12Frame(Path path, byte[] data, Layout l, TransferSyntax ts)
      throws DicomException {
    try {
      int[] raw = JpegExtendedDecoder.decode(data, l.rows(), l.columns());
      for (int i = 0; i < raw.length; i++) {
        raw[i] = stored(raw[i], l);
      }
      return raw;
    } catch (JpegExtendedDecoder.JpegException e) {
      throw new DicomException(path, "cannot decode " + ts.describe() + ": " + e.getMessage());
    }
  }

  private static int[] jpegLsFrame(Path path, byte[] data, Layout l, TransferSyntax ts)
      throws DicomException {
    if (l.colour()) {
      throw new DicomException(
          path, "cannot decode " + ts.describe() + ": colour JPEG-LS is not supported");
    }
    try {
      int[] raw = JpegLsDecoder.decode(data, l.rows(), l.columns());
      for (int i = 0; i < raw.length; i++) {
        raw[i] = stored(raw[i], l);
      }
      return raw;
    } catch (JpegLsDecoder.JpegLsException e) {
      throw new DicomException(path, "cannot decode " + ts.describe() + ": " + e.getMessage());
    }
  }

  private static int[] jpeg2000Frame(Path path, byte[] data, Layout l, TransferSyntax ts)
      throws DicomException {
    try {
      int[] raw = Jpeg2000Decoder.decode(data, l.rows(), l.columns(), l.colour());
      if (!l.colour()) {
        for (int i = 0; i < raw.length; i++) {
          raw[i] = stored(raw[i], l);
        }
      }
      return raw;
    } catch (Jpeg2000Decoder.Jpeg2000Exception e) {
      throw new DicomException(path, "cannot decode " + ts.describe() + ": " + e.getMessage());
    }
  }

  private static int[] imageIoFrame(Path path, byte[] data, Layout l, TransferSyntax ts)
      throws DicomException {
    String format = "jpeg";
    Raster raster;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
      if (!readers.hasNext()) {
        throw new DicomException(path, "no " + format + " decoder installed for " + ts.describe());
      }
      Exception last = null;
      raster = null;
      while (readers.hasNext() && raster == null) {
        ImageReader reader = readers.next();
        try {
          in.seek(0);
          reader.setInput(in);
          raster = reader.readRaster(0, null);
        } catch (Exception | LinkageError e) {
          last = e instanceof Exception ex ? ex : new IOException(e);
        } finally {
          reader.dispose();
        }
      }
      if (raster == null) {
        throw new DicomException(
            path,
            "cannot decode "
                + ts.describe()
                + " pixel data ("
                + (last == null ? "no reader" : last.getMessage())
                + ")",
            last);
      }
    } catch (IOException e) {
      throw new DicomException(path, "cannot decode " + ts.describe() + ": " + e.getMessage(), e);
    }
    if (raster.getWidth() != l.columns() || raster.getHeight() != l.rows()) {
      throw new DicomException(
          path,
          "decoded "
              + ts.displayName()
              + " frame is "
              + raster.getWidth()
              + "×"
              + raster.getHeight()
              + ", header says "
              + l.columns()
              + "×"
              + l.rows());
    }
    int[] out = new int[l.pixels()];
    int bands = raster.getNumBands();
    int w = l.columns();
    for (int y = 0; y < l.rows(); y++) {
      for (int x = 0; x < w; x++) {
        if (l.colour()) {
          int r = raster.getSample(x, y, 0);
          int g = bands > 1 ? raster.getSample(x, y, 1) : r;
          int b = bands > 2 ? raster.getSample(x, y, 2) : r;
          // ImageIO readers hand back the JPEG's components; YBR data is converted here.
          out[y * w + x] = toRgb(r, g, b, bands == 3 ? "RGB" : l.photometric());
        } else {
          out[y * w + x] = stored(raster.getSample(x, y, 0), l);
        }
      }
    }
    return out;
  }
}
