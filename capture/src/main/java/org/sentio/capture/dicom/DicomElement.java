package org.sentio.capture.dicom;

import java.util.List;

/**
 * One data element. Exactly one of {@code value} (raw bytes in the dataset's byte order), {@code
 * items} (a sequence) or {@code fragments} (encapsulated pixel data; the first is the basic offset
 * table) is non-null.
 */
public record DicomElement(
    int tag, String vr, byte[] value, List<DicomDataset> items, List<byte[]> fragments) {

  public static DicomElement ofValue(int tag, String vr, byte[] value) {
    return new DicomElement(tag, vr, value, null, null);
  }

  public static DicomElement ofSequence(int tag, List<DicomDataset> items) {
    return new DicomElement(tag, "SQ", null, items, null);
  }

  public static DicomElement ofFragments(int tag, String vr, List<byte[]> fragments) {
    return new DicomElement(tag, vr, null, null, fragments);
  }

  public boolean isSequence() {
    return items != null;
  }

  public boolean isEncapsulated() {
    return fragments != null;
  }

  /** Length of the value in bytes (0 for sequences and fragments). */
  public int length() {
    return value == null ? 0 : value.length;
  }
}
