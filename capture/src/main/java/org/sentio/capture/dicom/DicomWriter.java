package org.sentio.capture.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a Part-10 file: preamble, "DICM", a fresh meta header, and the dataset in the given
 * transfer syntax (values are written as held, so the syntax must be the one they were read in).
 * Sequences and encapsulated pixel data are written with undefined length.
 */
public final class DicomWriter {

  /** Sentio's implementation class UID (under the UUID-derived root 2.25). */
  public static final String IMPLEMENTATION_CLASS_UID = "2.25.171906535290390451718129632128364729";

  private static final Set<String> LONG_VRS =
      Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

  private DicomWriter() {}

  public static void write(Path out, DicomDataset meta, DicomDataset dataset, TransferSyntax ts)
      throws DicomException {
    try {
      Path tmp = out.resolveSibling(out.getFileName() + ".part");
      Files.write(tmp, encode(meta, dataset, ts));
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DicomException(out, "cannot be written (" + e.getMessage() + ")", e);
    }
  }

  static byte[] encode(DicomDataset sourceMeta, DicomDataset dataset, TransferSyntax ts)
      throws IOException {
    DicomDataset meta = new DicomDataset(false);
    meta.put(DicomElement.ofValue(Tag.FILE_META_VERSION, "OB", new byte[] {0, 1}));
    meta.putString(
        Tag.MEDIA_STORAGE_SOP_CLASS_UID,
        "UI",
        dataset
            .getString(Tag.SOP_CLASS_UID)
            .orElse(sourceMeta.getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID, "")));
    meta.putString(
        Tag.MEDIA_STORAGE_SOP_INSTANCE_UID,
        "UI",
        dataset
            .getString(Tag.SOP_INSTANCE_UID)
            .orElse(sourceMeta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, "")));
    meta.putString(Tag.TRANSFER_SYNTAX_UID, "UI", ts.uid());
    meta.putString(Tag.IMPLEMENTATION_CLASS_UID, "UI", IMPLEMENTATION_CLASS_UID);
    meta.putString(Tag.IMPLEMENTATION_VERSION_NAME, "SH", "SENTIO");
    ByteArrayOutputStream metaBody = new ByteArrayOutputStream();
    for (DicomElement e : meta.elements()) {
      writeElement(metaBody, e, true, false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[128]);
    out.write("DICM".getBytes(StandardCharsets.US_ASCII));
    byte[] groupLength = new byte[4];
    int ml = metaBody.size();
    groupLength[0] = (byte) ml;
    groupLength[1] = (byte) (ml >>> 8);
    groupLength[2] = (byte) (ml >>> 16);
    groupLength[3] = (byte) (ml >>> 24);
    writeElement(
        out, DicomElement.ofValue(Tag.FILE_META_GROUP_LENGTH, "UL", groupLength), true, false);
    metaBody.writeTo(out);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeDataset(body, dataset, ts.explicitVr(), ts.bigEndian());
    if (ts.deflated()) {
      DeflaterOutputStream dos =
          new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true));
      body.writeTo(dos);
      dos.finish();
    } else {
      body.writeTo(out);
    }
    return out.toByteArray();
  }

  private static void writeDataset(
      ByteArrayOutputStream out, DicomDataset ds, boolean explicit, boolean big)
      throws IOException {
    for (DicomElement e : ds.elements()) {
      if ((e.tag() >>> 16) == 0x0002) {
        continue;
      }
      writeElement(out, e, explicit, big);
    }
  }

  private static void writeElement(
      ByteArrayOutputStream out, DicomElement e, boolean explicit, boolean big) throws IOException {
    tag(out, e.tag(), big);
    String vr = e.vr();
    boolean undefined = e.isSequence() || e.isEncapsulated();
    byte[] value = e.value();
    if (value != null && value.length % 2 == 1) {
      byte[] padded = new byte[value.length + 1];
      System.arraycopy(value, 0, padded, 0, value.length);
      padded[value.length] =
          (byte) ("UI".equals(vr) || "OB".equals(vr) || "UN".equals(vr) ? 0 : ' ');
      value = padded;
    }
    long len = undefined ? 0xFFFFFFFFL : value.length;
    if (explicit) {
      out.write(vr.getBytes(StandardCharsets.US_ASCII));
      if (LONG_VRS.contains(vr)) {
        out.write(0);
        out.write(0);
        u32(out, len, big);
      } else {
        if (len > 0xFFFF) {
          throw new IOException(Tag.toString(e.tag()) + " value too long for VR " + vr);
        }
        u16(out, (int) len, big);
      }
    } else {
      u32(out, len, big);
    }
    if (e.isSequence()) {
      for (DicomDataset item : e.items()) {
        tag(out, Tag.ITEM, big);
        u32(out, 0xFFFFFFFFL, big);
        writeDataset(out, item, explicit, big);
        tag(out, Tag.ITEM_DELIMITATION, big);
        u32(out, 0, big);
      }
      tag(out, Tag.SEQUENCE_DELIMITATION, big);
      u32(out, 0, big);
    } else if (e.isEncapsulated()) {
      for (byte[] f : e.fragments()) {
        tag(out, Tag.ITEM, big);
        u32(out, f.length, big);
        out.write(f);
      }
      tag(out, Tag.SEQUENCE_DELIMITATION, big);
      u32(out, 0, big);
    } else {
      out.write(value);
    }
  }

  private static void tag(ByteArrayOutputStream out, int tag, boolean big) {
    u16(out, tag >>> 16, big);
    u16(out, tag & 0xFFFF, big);
  }

  private static void u16(ByteArrayOutputStream out, int v, boolean big) {
    if (big) {
      out.write(v >>> 8);
      out.write(v);
    } else {
      out.write(v);
      out.write(v >>> 8);
    }
  }

  private static void u32(ByteArrayOutputStream out, long v, boolean big) {
    if (big) {
      u16(out, (int) (v >>> 16) & 0xFFFF, true);
      u16(out, (int) v & 0xFFFF, true);
    } else {
      u16(out, (int) v & 0xFFFF, false);
      u16(out, (int) (v >>> 16) & 0xFFFF, false);
    }
  }
}
