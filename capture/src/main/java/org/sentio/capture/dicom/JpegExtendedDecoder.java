package org.sentio.capture.dicom;

/**
 * A sequential DCT JPEG decoder (ITU-T T.81 baseline and extended, Huffman, 8- or 12-bit) for one
 * grayscale component — what the JDK's and TwelveMonkeys' readers refuse ("data precision 12").
 * Restart intervals are honoured; progressive, arithmetic-coded and multi-component streams are
 * refused.
 */
final class JpegExtendedDecoder {

  /** Refusal of a stream this decoder does not handle, or damaged data. */
  static final class JpegException extends Exception {
    JpegException(String message) {
      super(message);
    }
  }

  private static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  private static final double[][] COS = new double[8][8];

  static {
    for (int x = 0; x < 8; x++) {
      for (int u = 0; u < 8; u++) {
        double cu = u == 0 ? Math.sqrt(0.5) : 1;
        COS[x][u] = cu * Math.cos((2 * x + 1) * u * Math.PI / 16);
      }
    }
  }

  /** A Huffman table in the T.81 F.2.2.3 form. */
  private static final class Huffman {
    final int[] maxCode = new int[18];
    final int[] valPtr = new int[17];
    final int[] minCode = new int[17];
    final int[] values;

    Huffman(int[] counts, int[] values) {
      this.values = values;
      int code = 0;
      int k = 0;
      for (int len = 1; len <= 16; len++) {
        valPtr[len] = k;
        minCode[len] = code;
        code += counts[len - 1];
        k += counts[len - 1];
        maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
        code <<= 1;
      }
      maxCode[17] = Integer.MAX_VALUE;
    }
  }

  private final byte[] d;
  private int pos;
  private final int[][] quant = new int[4][];
  private final Huffman[] dc = new Huffman[4];
  private final Huffman[] ac = new Huffman[4];
  private int precision;
  private int width;
  private int height;
  private int qTable;
  private int restartInterval;
  private int bitBuf;
  private int bitCount;
  private boolean marker;

  private JpegExtendedDecoder(byte[] d) {
    this.d = d;
  }

  /** The sample precision of the first frame header, or 0 if none is found. */
  static int precision(byte[] data) {
    int p = 2;
    while (p + 4 < data.length) {
      if ((data[p] & 0xFF) != 0xFF) {
        return 0;
      }
      int m = data[p + 1] & 0xFF;
      int len = (data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF);
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
        return p + 4 < data.length ? data[p + 4] & 0xFF : 0;
      }
      p += 2 + len;
    }
    return 0;
  }

  static int[] decode(byte[] data, int rows, int columns) throws JpegException {
    try {
      return new JpegExtendedDecoder(data).run(rows, columns);
    } catch (ArrayIndexOutOfBoundsException | NullPointerException e) {
      throw new JpegException("damaged JPEG data (" + e.getClass().getSimpleName() + ")");
    }
  }

  private int u8() {
    return d[pos++] & 0xFF;
  }

  private int u16() {
    return u8() << 8 | u8();
  }

  private int[] run(int rows, int columns) throws JpegException {
    if (u16() != 0xFFD8) {
      throw new JpegException("no JPEG SOI marker");
    }
    while (true) {
      int m = u16();
      int len = u16();
      int next = pos + len - 2;
      if (m == 0xFFC0 || m == 0xFFC1) {
        precision = u8();
        height = u16();
        width = u16();
        int nf = u8();
        if (nf != 1) {
          throw new JpegException(nf + " components; only grayscale extended JPEG is decoded");
        }
        u8();
        u8();
        qTable = u8() & 3;
      } else if (m >= 0xFFC2 && m <= 0xFFCF && m != 0xFFC4 && m != 0xFFC8 && m != 0xFFCC) {
        throw new JpegException(String.format("JPEG process SOF%d is not supported", m - 0xFFC0));
      } else if (m == 0xFFDB) {
        while (pos < next) {
          int pq = u8();
          int[] q = new int[64];
          for (int i = 0; i < 64; i++) {
            q[i] = (pq >> 4) == 0 ? u8() : u16();
          }
          quant[pq & 3] = q;
        }
      } else if (m == 0xFFC4) {
        while (pos < next) {
          int tc = u8();
          int[] counts = new int[16];
          int total = 0;
          for (int i = 0; i < 16; i++) {
            counts[i] = u8();
            total += counts[i];
          }
          int[] values = new int[total];
          for (int i = 0; i < total; i++) {
            values[i] = u8();
          }
          Huffman h = new Huffman(counts, values);
          if ((tc >> 4) == 0) {
            dc[tc & 3] = h;
          } else {
            ac[tc & 3] = h;
          }
        }
      } else if (m == 0xFFDD) {
        restartInterval = u16();
      } else if (m == 0xFFDA) {
        int ns = u8();
        if (ns != 1) {
          throw new JpegException("interleaved JPEG scans are not supported");
        }
        u8();
        int tables = u8();
        pos = next;
        if (width != columns || height != rows) {
          throw new JpegException(
              "JPEG frame is " + width + "×" + height + ", header says " + columns + "×" + rows);
        }
        if (quant[qTable] == null || dc[tables >> 4] == null || ac[tables & 3] == null) {
          throw new JpegException("JPEG tables missing");
        }
        return scan(dc[tables >> 4], ac[tables & 3], quant[qTable]);
      } else if (m < 0xFF00) {
        throw new JpegException("bad JPEG marker");
      }
      pos = next;
    }
  }

  private int[] scan(Huffman dcT, Huffman acT, int[] q) throws JpegException {
    int bw = (width + 7) / 8;
    int bh = (height + 7) / 8;
    int[] out = new int[width * height];
    int max = (1 << precision) - 1;
    int shift = 1 << (precision - 1);
    int pred = 0;
    double[] coef = new double[64];
    double[] tmp = new double[64];
    int blocks = 0;
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        if (restartInterval > 0 && blocks > 0 && blocks % restartInterval == 0) {
          restart();
          pred = 0;
        }
        blocks++;
        java.util.Arrays.fill(coef, 0);
        int s = decodeHuffman(dcT);
        pred += extend(receive(s), s);
        coef[0] = pred * q[0];
        for (int k = 1; k < 64; ) {
          int rs = decodeHuffman(acT);
          int r = rs >> 4;
          int sz = rs & 15;
          if (sz == 0) {
            if (r != 15) {
              break;
            }
            k += 16;
            continue;
          }
          k += r;
          if (k > 63) {
            throw new JpegException("damaged JPEG block");
          }
          coef[ZIGZAG[k]] = extend(receive(sz), sz) * q[k];
          k++;
        }
        idct(coef, tmp);
        for (int y = 0; y < 8; y++) {
          int py = by * 8 + y;
          if (py >= height) {
            break;
          }
          for (int x = 0; x < 8; x++) {
            int px = bx * 8 + x;
            if (px < width) {
              int v = (int) Math.round(tmp[y * 8 + x]) + shift;
              out[py * width + px] = Math.max(0, Math.min(max, v));
            }
          }
        }
      }
    }
    return out;
  }

  private static void idct(double[] in, double[] out) {
    double[] rows = new double[64];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        double s = 0;
        for (int u = 0; u < 8; u++) {
          s += COS[x][u] * in[y * 8 + u];
        }
        rows[y * 8 + x] = s / 2;
      }
    }
    for (int x = 0; x < 8; x++) {
      for (int y = 0; y < 8; y++) {
        double s = 0;
        for (int v = 0; v < 8; v++) {
          s += COS[y][v] * rows[v * 8 + x];
        }
        out[y * 8 + x] = s / 2;
      }
    }
  }

  private void restart() throws JpegException {
    bitCount = 0;
    bitBuf = 0;
    marker = false;
    while (pos + 1 < d.length
        && !((d[pos] & 0xFF) == 0xFF
            && (d[pos + 1] & 0xFF) >= 0xD0
            && (d[pos + 1] & 0xFF) <= 0xD7)) {
      pos++;
    }
    if (pos + 1 >= d.length) {
      throw new JpegException("JPEG restart marker missing");
    }
    pos += 2;
  }

  private int bit() throws JpegException {
    if (bitCount == 0) {
      int b;
      if (marker || pos >= d.length) {
        b = 0;
        if (++padding > 64) {
          throw new JpegException("JPEG data ends early");
        }
      } else {
        b = d[pos] & 0xFF;
        if (b == 0xFF) {
          int n = pos + 1 < d.length ? d[pos + 1] & 0xFF : 0xD9;
          if (n == 0) {
            pos += 2;
          } else {
            marker = true;
            b = 0;
          }
        } else {
          pos++;
        }
      }
      bitBuf = b;
      bitCount = 8;
    }
    bitCount--;
    return (bitBuf >> bitCount) & 1;
  }

  private int padding;

  private int receive(int s) throws JpegException {
    int v = 0;
    for (int i = 0; i < s; i++) {
      v = v << 1 | bit();
    }
    return v;
  }

  private static int extend(int v, int s) {
    return s == 0 ? 0 : (v < (1 << (s - 1)) ? v - (1 << s) + 1 : v);
  }

  private int decodeHuffman(Huffman h) throws JpegException {
    int code = bit();
    int len = 1;
    while (len <= 16 && code > h.maxCode[len]) {
      code = code << 1 | bit();
      len++;
    }
    if (len > 16) {
      throw new JpegException("damaged JPEG data (bad Huffman code)");
    }
    int idx = h.valPtr[len] + code - h.minCode[len];
    if (idx < 0 || idx >= h.values.length) {
      throw new JpegException("damaged JPEG data (bad Huffman code)");
    }
    return h.values[idx];
  }
}
