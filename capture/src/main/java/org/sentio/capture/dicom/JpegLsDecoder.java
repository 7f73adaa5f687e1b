package org.sentio.capture.dicom;

/**
 * A JPEG-LS (ITU-T T.87) decoder for one grayscale component: lossless and near-lossless, default
 * or LSE-preset coding parameters, no restart markers. Written after the standard's decoding
 * procedure (the context modelling, Golomb coding and run mode follow CharLS's structure).
 */
final class JpegLsDecoder {

  /** Refusal of a stream this decoder does not handle, or damaged data. */
  static final class JpegLsException extends Exception {
    JpegLsException(String message) {
      super(message);
    }
  }

  private static final int[] J = {
    0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13,
    14, 15
  };

  private final byte[] d;
  private int pos;
  // bit reader
  private long cache;
  private int cacheBits;
  private boolean lastFf;
  private boolean atMarker;

  private int width;
  private int height;
  private int bits;
  private int maxVal;
  private int t1;
  private int t2;
  private int t3;
  private int reset = 64;
  private int near;
  private int range;
  private int qbpp;
  private int limit;
  private boolean customThresholds;

  private final int[] a = new int[367];
  private final int[] b = new int[367];
  private final int[] c = new int[367];
  private final int[] n = new int[367];
  private final int[] nn = new int[367];
  private int runIndex;

  private JpegLsDecoder(byte[] d) {
    this.d = d;
  }

  /** Decodes the stream; returns rows × columns samples. */
  static int[] decode(byte[] data, int rows, int columns) throws JpegLsException {
    try {
      return new JpegLsDecoder(data).run(rows, columns);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new JpegLsException("JPEG-LS data ends early");
    }
  }

  private int u8() {
    return d[pos++] & 0xFF;
  }

  private int u16() {
    return u8() << 8 | u8();
  }

  private int[] run(int rows, int columns) throws JpegLsException {
    if (u16() != 0xFFD8) {
      throw new JpegLsException("no JPEG SOI marker");
    }
    boolean frame = false;
    while (true) {
      int marker = u16();
      int len = u16();
      int next = pos + len - 2;
      switch (marker) {
        case 0xFFF7 -> {
          bits = u8();
          height = u16();
          width = u16();
          int comps = u8();
          if (comps != 1) {
            throw new JpegLsException(comps + " components; only grayscale JPEG-LS is decoded");
          }
          frame = true;
        }
        case 0xFFF8 -> {
          int id = u8();
          if (id != 1) {
            throw new JpegLsException("JPEG-LS extension LSE type " + id + " is not supported");
          }
          maxVal = u16();
          t1 = u16();
          t2 = u16();
          t3 = u16();
          int r = u16();
          if (r != 0) {
            reset = r;
          }
          customThresholds = true;
        }
        case 0xFFDA -> {
          if (!frame) {
            throw new JpegLsException("scan before frame header");
          }
          int ns = u8();
          if (ns != 1) {
            throw new JpegLsException("interleaved JPEG-LS scans are not supported");
          }
          u8(); // component id
          u8(); // mapping table
          near = u8();
          u8(); // ILV
          int pt = u8() & 0x0F;
          if (pt != 0) {
            throw new JpegLsException("JPEG-LS point transform is not supported");
          }
          pos = next;
          if (width != columns || height != rows) {
            throw new JpegLsException(
                "JPEG-LS frame is "
                    + width
                    + "×"
                    + height
                    + ", header says "
                    + columns
                    + "×"
                    + rows);
          }
          return scan();
        }
        default -> {
          if (marker < 0xFF00) {
            throw new JpegLsException("bad JPEG-LS marker");
          }
        }
      }
      pos = next;
    }
  }

  private void setup() {
    if (maxVal == 0) {
      maxVal = (1 << bits) - 1;
    }
    range = (maxVal + 2 * near) / (2 * near + 1) + 1;
    qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
    int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxVal));
    limit = 2 * (bpp + Math.max(8, bpp));
    if (!customThresholds || t1 == 0 || t2 == 0 || t3 == 0) {
      int dt1;
      int dt2;
      int dt3;
      if (maxVal >= 128) {
        int factor = (Math.min(maxVal, 4095) + 128) / 256;
        dt1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
        dt2 = clamp(factor * (7 - 3) + 3 + 5 * near, dt1, maxVal);
        dt3 = clamp(factor * (21 - 4) + 4 + 7 * near, dt2, maxVal);
      } else {
        int factor = 256 / (maxVal + 1);
        dt1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
        dt2 = clamp(Math.max(3, 7 / factor + 5 * near), dt1, maxVal);
        dt3 = clamp(Math.max(4, 21 / factor + 7 * near), dt2, maxVal);
      }
      if (t1 == 0) {
        t1 = dt1;
      }
      if (t2 == 0) {
        t2 = dt2;
      }
      if (t3 == 0) {
        t3 = dt3;
      }
    }
    int a0 = Math.max(2, (range + 32) / 64);
    for (int i = 0; i < a.length; i++) {
      a[i] = a0;
      n[i] = 1;
    }
  }

  private static int clamp(int v, int lo, int hi) {
    return v > hi || v < lo ? lo : v;
  }

  private int[] scan() throws JpegLsException {
    setup();
    int[] out = new int[width * height];
    int[] prev = new int[width + 2];
    int[] cur = new int[width + 2];
    for (int y = 0; y < height; y++) {
      prev[width + 1] = prev[width];
      cur[0] = prev[1];
      int x = 0;
      while (x < width) {
        int ra = cur[x];
        int rb = prev[x + 1];
        int rc = prev[x];
        int rd = prev[x + 2];
        int qs = quantize(rd - rb) * 81 + quantize(rb - rc) * 9 + quantize(rc - ra);
        if (qs != 0) {
          cur[x + 1] = regular(qs, ra, rb, rc);
          x++;
        } else {
          x += runMode(x, cur, prev);
        }
      }
      System.arraycopy(cur, 1, out, y * width, width);
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return out;
  }

  private int quantize(int di) {
    if (di <= -t3) {
      return -4;
    }
    if (di <= -t2) {
      return -3;
    }
    if (di <= -t1) {
      return -2;
    }
    if (di < -near) {
      return -1;
    }
    if (di <= near) {
      return 0;
    }
    if (di < t1) {
      return 1;
    }
    if (di < t2) {
      return 2;
    }
    if (di < t3) {
      return 3;
    }
    return 4;
  }

  private int correct(int v) {
    return Math.max(0, Math.min(maxVal, v));
  }

  private int reconstruct(int px, int err) {
    int v = px + err * (2 * near + 1);
    if (v < -near) {
      v += range * (2 * near + 1);
    } else if (v > maxVal + near) {
      v -= range * (2 * near + 1);
    }
    return correct(v);
  }

  private int regular(int qs, int ra, int rb, int rc) throws JpegLsException {
    int sign = qs < 0 ? -1 : 1;
    int q = Math.abs(qs);
    int px;
    if (rc >= Math.max(ra, rb)) {
      px = Math.min(ra, rb);
    } else if (rc <= Math.min(ra, rb)) {
      px = Math.max(ra, rb);
    } else {
      px = ra + rb - rc;
    }
    px = correct(px + sign * c[q]);
    int k = 0;
    while ((n[q] << k) < a[q]) {
      k++;
    }
    int m = decodeValue(k, limit, qbpp);
    int err = (m & 1) == 0 ? m >> 1 : -((m + 1) >> 1);
    if (k == 0 && near == 0 && 2 * b[q] + n[q] - 1 < 0) {
      err = ~err;
    }
    update(q, err);
    return reconstruct(px, sign * err);
  }

  private void update(int q, int err) {
    int aa = a[q] + Math.abs(err);
    int bb = b[q] + err * (2 * near + 1);
    int nq = n[q];
    if (nq == reset) {
      aa >>= 1;
      bb >>= 1;
      nq >>= 1;
    }
    a[q] = aa;
    nq++;
    n[q] = nq;
    if (bb + nq <= 0) {
      bb += nq;
      if (bb <= -nq) {
        bb = -nq + 1;
      }
      if (c[q] > -128) {
        c[q]--;
      }
    } else if (bb > 0) {
      bb -= nq;
      if (bb > 0) {
        bb = 0;
      }
      if (c[q] < 127) {
        c[q]++;
      }
    }
    b[q] = bb;
  }

  private int runMode(int x, int[] cur, int[] prev) throws JpegLsException {
    int ra = cur[x];
    int count = width - x;
    int index = 0;
    while (readBit() == 1) {
      int cnt = Math.min(1 << J[runIndex], count - index);
      index += cnt;
      if (cnt == (1 << J[runIndex]) && runIndex < 31) {
        runIndex++;
      }
      if (index == count) {
        break;
      }
    }
    if (index != count) {
      index += J[runIndex] > 0 ? readBits(J[runIndex]) : 0;
    }
    if (index > count) {
      throw new JpegLsException("JPEG-LS run overflows the line");
    }
    for (int i = 0; i < index; i++) {
      cur[x + 1 + i] = ra;
    }
    if (index == count) {
      return index;
    }
    int p = x + index;
    int rb = prev[p + 1];
    int rx;
    if (Math.abs(ra - rb) <= near) {
      int err = decodeRiError(366, 1);
      rx = reconstruct(ra, err);
    } else {
      int err = decodeRiError(365, 0);
      rx = reconstruct(rb, err * (rb - ra >= 0 ? 1 : -1));
    }
    cur[p + 1] = rx;
    if (runIndex > 0) {
      runIndex--;
    }
    return index + 1;
  }

  private int decodeRiError(int ctx, int riType) throws JpegLsException {
    int temp = a[ctx] + (n[ctx] >> 1) * riType;
    int k = 0;
    while ((n[ctx] << k) < temp) {
      k++;
    }
    int em = decodeValue(k, limit - J[runIndex] - 1, qbpp);
    int t = em + riType;
    boolean map = (t & 1) == 1;
    int abs = (t + (map ? 1 : 0)) / 2;
    int err = ((k != 0 || 2 * nn[ctx] >= n[ctx]) == map) ? -abs : abs;
    if (err < 0) {
      nn[ctx]++;
    }
    a[ctx] += (em + 1 - riType) >> 1;
    if (n[ctx] == reset) {
      a[ctx] >>= 1;
      n[ctx] >>= 1;
      nn[ctx] >>= 1;
    }
    n[ctx]++;
    return err;
  }

  private int decodeValue(int k, int lim, int qb) throws JpegLsException {
    int high = 0;
    while (readBit() == 0) {
      high++;
      if (high > 64) {
        throw new JpegLsException("damaged JPEG-LS data (unary code too long)");
      }
    }
    if (high >= lim - (qb + 1)) {
      return readBits(qb) + 1;
    }
    if (k == 0) {
      return high;
    }
    return (high << k) + readBits(k);
  }

  private int padded;

  private int readBit() throws JpegLsException {
    if (cacheBits < 1) {
      fillChecked();
    }
    int bit = (int) (cache >>> 63);
    cache <<= 1;
    cacheBits--;
    return bit;
  }

  private int readBits(int count) throws JpegLsException {
    int v = 0;
    for (int i = 0; i < count; i++) {
      v = v << 1 | readBit();
    }
    return v;
  }

  private void fillChecked() throws JpegLsException {
    if (atMarker || pos >= d.length) {
      if (++padded > 64) {
        throw new JpegLsException("JPEG-LS data ends early");
      }
      cacheBits += 1;
      return;
    }
    int v = d[pos] & 0xFF;
    if (lastFf && (v & 0x80) != 0) {
      atMarker = true;
      fillChecked();
      return;
    }
    pos++;
    if (lastFf) {
      cache |= ((long) (v & 0x7F)) << (64 - 7);
      cacheBits += 7;
    } else {
      cache |= ((long) v) << (64 - 8);
      cacheBits += 8;
    }
    lastFf = v == 0xFF;
  }
}
