package org.sentio.capture.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the DICOM Part-10 container: optional preamble and "DICM", the meta header (always Explicit
 * VR Little Endian), then the dataset in its transfer syntax — explicit or implicit VR, little or
 * big endian, deflated. Sequences of defined and undefined length; encapsulated pixel data as
 * fragments. Every malformed or truncated input ends in a {@link DicomException}, never another
 * exception.
 */
public final class DicomParser {

  private static final Set<String> LONG_VRS =
      Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
  private static final long UNDEFINED = 0xFFFFFFFFL;
  private static final int MAX_DEPTH = 32;

  private DicomParser() {}

  /** Parses a file; refuses anything that is not DICOM or is damaged. */
  public static DicomFile parse(Path path) throws DicomException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new DicomException(path, "cannot be read (" + e.getMessage() + ")", e);
    }
    return parse(path, bytes);
  }

  public static DicomFile parse(Path path, byte[] bytes) throws DicomException {
    try {
      return doParse(path, bytes);
    } catch (Truncated e) {
      throw new DicomException(path, "truncated or damaged DICOM file (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      throw new DicomException(path, "damaged DICOM file (" + e + ")", e);
    }
  }

  private static DicomFile doParse(Path path, byte[] bytes) throws DicomException {
    boolean preamble =
        bytes.length >= 132
            && bytes[128] == 'D'
            && bytes[129] == 'I'
            && bytes[130] == 'C'
            && bytes[131] == 'M';
    int pos = preamble ? 132 : 0;
    if (!preamble) {
      // Tolerate a few stray space pad bytes before a bare dataset (seen in the wild where a
      // meta header was cut off after its last value's padding).
      while (pos < 4 && pos < bytes.length && bytes[pos] == ' ') {
        pos++;
      }
    }
    DicomDataset meta = new DicomDataset(false);
    if (bytes.length - pos < 8) {
      throw new DicomException(path, "not a DICOM file (too short)");
    }
    Cursor c = new Cursor(bytes, pos, false);
    boolean hasMeta = c.u16(pos) == 0x0002;
    if (!preamble && !hasMeta && !looksLikeBareDataset(bytes, pos)) {
      throw new DicomException(path, "not a DICOM file (no \"DICM\" marker and no DICOM header)");
    }
    if (hasMeta) {
      // Meta header: explicit VR little endian, read until the group changes.
      while (c.pos + 4 <= bytes.length && c.u16(c.pos) == 0x0002) {
        DicomElement e = readElement(c, true, 0, bytes.length);
        meta.put(e);
      }
    }
    String tsUid = meta.getString(Tag.TRANSFER_SYNTAX_UID).orElse(null);
    TransferSyntax ts;
    if (tsUid == null) {
      ts = guessSyntax(bytes, c.pos);
    } else {
      ts =
          TransferSyntax.of(tsUid)
              .orElseThrow(
                  () ->
                      new DicomException(
                          path, "unsupported transfer syntax: unknown (" + tsUid + ")"));
    }
    byte[] body = bytes;
    int start = c.pos;
    if (ts.deflated()) {
      body = inflate(path, bytes, c.pos);
      start = 0;
    }
    Cursor d = new Cursor(body, start, ts.bigEndian());
    DicomDataset dataset = readDataset(d, ts.explicitVr(), body.length, 0, false);
    if (dataset.elements().isEmpty()) {
      throw new DicomException(path, "not a DICOM file (empty dataset)");
    }
    return new DicomFile(path, meta, dataset, ts, preamble);
  }

  private static boolean looksLikeBareDataset(byte[] b, int pos) {
    if (pos + 2 > b.length) {
      return false;
    }
    int group = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    return group == 0x0008 || group == 0x0010 || group == 0x0018 || group == 0x0020;
  }

  private static TransferSyntax guessSyntax(byte[] b, int pos) {
    if (pos + 6 > b.length) {
      return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    char v1 = (char) b[pos + 4];
    char v2 = (char) b[pos + 5];
    boolean explicit = Character.isUpperCase(v1) && Character.isUpperCase(v2);
    boolean big = b[pos] == 0 && b[pos + 1] != 0;
    if (big) {
      return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
    }
    return explicit
        ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
        : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
  }

  private static byte[] inflate(Path path, byte[] bytes, int from) throws DicomException {
    Inflater inf = new Inflater(true);
    inf.setInput(bytes, from, bytes.length - from);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
    byte[] buf = new byte[65536];
    try {
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
      }
    } catch (DataFormatException e) {
      throw new DicomException(path, "damaged deflated dataset (" + e.getMessage() + ")", e);
    } finally {
      inf.end();
    }
    return out.toByteArray();
  }

  private static DicomDataset readDataset(
      Cursor c, boolean explicit, int end, int depth, boolean inItem) {
    if (depth > MAX_DEPTH) {
      throw new Truncated("sequences nested too deep");
    }
    DicomDataset ds = new DicomDataset(c.big);
    while (c.pos < end) {
      if (inItem && c.pos + 8 <= c.b.length && c.tagAt(c.pos) == Tag.ITEM_DELIMITATION) {
        c.pos += 8;
        break;
      }
      if (end - c.pos < 8 && !inItem && allZero(c.b, c.pos, end)) {
        break; // trailing padding
      }
      DicomElement e = readElement(c, explicit, depth, end);
      if (e != null) {
        ds.put(e);
      }
    }
    return ds;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static DicomElement readElement(Cursor c, boolean explicit, int depth, int end) {
    int tag = c.tag();
    String vr;
    long len;
    if (tag == Tag.ITEM || tag == Tag.ITEM_DELIMITATION || tag == Tag.SEQUENCE_DELIMITATION) {
      throw new Truncated("unexpected item tag " + Tag.toString(tag) + " at byte " + (c.pos - 4));
    }
    if (explicit) {
      vr = c.vr();
      if (LONG_VRS.contains(vr)) {
        c.skip(2);
        len = c.u32();
      } else if (isVr(vr)) {
        len = c.u16();
      } else {
        throw new Truncated("invalid VR at byte " + (c.pos - 2));
      }
    } else {
      vr = Tag.vrOf(tag);
      len = c.u32();
    }
    if (tag == Tag.PIXEL_DATA && len == UNDEFINED) {
      return DicomElement.ofFragments(tag, explicit ? vr : "OB", readFragments(c));
    }
    if ("SQ".equals(vr) || len == UNDEFINED) {
      return DicomElement.ofSequence(tag, readItems(c, explicit, len, depth));
    }
    if (len > end - c.pos) {
      throw new Truncated(
          Tag.toString(tag) + " needs " + len + " bytes, " + (end - c.pos) + " remain");
    }
    int n = (int) len;
    if (!explicit && "UN".equals(vr) && n >= 8 && c.tagAt(c.pos) == Tag.ITEM) {
      // Implicit VR sequence of defined length whose tag Sentio does not know.
      try {
        Cursor probe = new Cursor(c.b, c.pos, c.big);
        List<DicomDataset> items = readItems(probe, false, len, depth);
        if (probe.pos == c.pos + n) {
          c.pos += n;
          return DicomElement.ofSequence(tag, items);
        }
      } catch (Truncated ignored) {
        // not a sequence after all: keep the raw bytes
      }
    }
    byte[] v = c.bytes(n);
    return DicomElement.ofValue(tag, vr, v);
  }

  private static boolean isVr(String vr) {
    return vr.length() == 2
        && Character.isUpperCase(vr.charAt(0))
        && Character.isUpperCase(vr.charAt(1));
  }

  private static List<DicomDataset> readItems(Cursor c, boolean explicit, long len, int depth) {
    List<DicomDataset> items = new ArrayList<>();
    int end = len == UNDEFINED ? c.b.length : checkedEnd(c, len);
    while (c.pos < end) {
      int tag = c.tag();
      long itemLen = c.u32();
      if (tag == Tag.SEQUENCE_DELIMITATION) {
        return items;
      }
      if (tag != Tag.ITEM) {
        throw new Truncated("expected an item, found " + Tag.toString(tag));
      }
      if (itemLen == UNDEFINED) {
        items.add(readDataset(c, explicit, c.b.length, depth + 1, true));
      } else {
        int itemEnd = checkedEnd(c, itemLen);
        DicomDataset item = readDataset(c, explicit, itemEnd, depth + 1, false);
        c.pos = itemEnd;
        items.add(item);
      }
    }
    if (len == UNDEFINED) {
      throw new Truncated("sequence without delimiter");
    }
    return items;
  }

  private static int checkedEnd(Cursor c, long len) {
    if (len > c.b.length - c.pos) {
      throw new Truncated("length " + len + " runs past the end of the file");
    }
    return c.pos + (int) len;
  }

  private static List<byte[]> readFragments(Cursor c) {
    List<byte[]> fragments = new ArrayList<>();
    while (true) {
      int tag = c.tag();
      long len = c.u32();
      if (tag == Tag.SEQUENCE_DELIMITATION) {
        return fragments;
      }
      if (tag != Tag.ITEM || len == UNDEFINED) {
        throw new Truncated("bad pixel data fragment " + Tag.toString(tag));
      }
      checkedEnd(c, len);
      fragments.add(c.bytes((int) len));
    }
  }

  /** Input ended early or is inconsistent. */
  private static final class Truncated extends RuntimeException {
    Truncated(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Cursor {
    final byte[] b;
    int pos;
    final boolean big;

    Cursor(byte[] b, int pos, boolean big) {
      this.b = b;
      this.pos = pos;
      this.big = big;
    }

    void need(int n) {
      if (pos + n > b.length || pos < 0) {
        throw new Truncated("file ends at byte " + b.length + ", " + n + " more needed");
      }
    }

    int u16(int at) {
      if (at + 2 > b.length) {
        throw new Truncated("file ends at byte " + b.length);
      }
      int lo = b[at] & 0xFF;
      int hi = b[at + 1] & 0xFF;
      return big ? (lo << 8 | hi) : (hi << 8 | lo);
    }

    int u16() {
      need(2);
      int v = u16(pos);
      pos += 2;
      return v;
    }

    long u32() {
      need(4);
      long v;
      if (big) {
        v =
            (b[pos] & 0xFFL) << 24
                | (b[pos + 1] & 0xFFL) << 16
                | (b[pos + 2] & 0xFFL) << 8
                | (b[pos + 3] & 0xFFL);
      } else {
        v =
            (b[pos + 3] & 0xFFL) << 24
                | (b[pos + 2] & 0xFFL) << 16
                | (b[pos + 1] & 0xFFL) << 8
                | (b[pos] & 0xFFL);
      }
      pos += 4;
      return v;
    }

    int tagAt(int at) {
      return u16(at) << 16 | u16(at + 2);
    }

    int tag() {
      need(4);
      int t = tagAt(pos);
      pos += 4;
      return t;
    }

    String vr() {
      need(2);
      String s = new String(b, pos, 2, StandardCharsets.US_ASCII);
      pos += 2;
      return s;
    }

    void skip(int n) {
      need(n);
      pos += n;
    }

    byte[] bytes(int n) {
      need(n);
      byte[] v = new byte[n];
      System.arraycopy(b, pos, v, 0, n);
      pos += n;
      return v;
    }
  }
}
