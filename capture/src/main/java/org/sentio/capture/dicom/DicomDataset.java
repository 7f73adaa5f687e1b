package org.sentio.capture.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Data elements in ascending tag order, with typed accessors. Values keep their byte order. */
public final class DicomDataset {

  private static final Set<String> TEXT_VRS =
      Set.of(
          "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI",
          "UR", "UT");

  private final TreeMap<Long, DicomElement> elements = new TreeMap<>();
  private final boolean bigEndian;

  public DicomDataset(boolean bigEndian) {
    this.bigEndian = bigEndian;
  }

  public boolean bigEndian() {
    return bigEndian;
  }

  private static long key(int tag) {
    return tag & 0xFFFFFFFFL;
  }

  public void put(DicomElement e) {
    elements.put(key(e.tag()), e);
  }

  /** Sets a text value (padded to even length as the VR requires). */
  public void putString(int tag, String vr, String value) {
    byte[] b = value.getBytes(charset());
    if (b.length % 2 == 1) {
      byte[] padded = new byte[b.length + 1];
      System.arraycopy(b, 0, padded, 0, b.length);
      padded[b.length] = (byte) ("UI".equals(vr) ? 0 : ' ');
      b = padded;
    }
    put(DicomElement.ofValue(tag, vr, b));
  }

  /** Sets binary integers: US or SS as 16 bits, UL or SL as 32, in the dataset's byte order. */
  public void putInts(int tag, String vr, int... values) {
    int size =
        switch (vr) {
          case "US", "SS" -> 2;
          case "UL", "SL" -> 4;
          default -> throw new IllegalArgumentException("not a binary integer VR: " + vr);
        };
    ByteBuffer b =
        ByteBuffer.allocate(values.length * size)
            .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      if (size == 2) {
        b.putShort((short) v);
      } else {
        b.putInt(v);
      }
    }
    put(DicomElement.ofValue(tag, vr, b.array()));
  }

  public DicomElement remove(int tag) {
    return elements.remove(key(tag));
  }

  public boolean contains(int tag) {
    return elements.containsKey(key(tag));
  }

  public Optional<DicomElement> get(int tag) {
    return Optional.ofNullable(elements.get(key(tag)));
  }

  public Collection<DicomElement> elements() {
    return elements.values();
  }

  public List<Integer> tags() {
    List<Integer> tags = new ArrayList<>();
    for (DicomElement e : elements.values()) {
      tags.add(e.tag());
    }
    return tags;
  }

  private Charset charset() {
    DicomElement cs = elements.get(key(Tag.SPECIFIC_CHARACTER_SET));
    if (cs != null && cs.value() != null) {
      String v = new String(cs.value(), StandardCharsets.US_ASCII);
      if (v.contains("ISO_IR 192")) {
        return StandardCharsets.UTF_8;
      }
      if (v.contains("GB18030") || v.contains("GBK")) {
        return Charset.forName("GB18030");
      }
    }
    return StandardCharsets.ISO_8859_1;
  }

  /** The text value with padding trimmed, or empty when absent, empty or binary. */
  public Optional<String> getString(int tag) {
    DicomElement e = elements.get(key(tag));
    if (e == null || e.value() == null) {
      return Optional.empty();
    }
    if (!TEXT_VRS.contains(e.vr()) && !"UN".equals(e.vr())) {
      return Optional.empty();
    }
    String s = new String(e.value(), charset());
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    s = s.substring(start, end);
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  public String getString(int tag, String fallback) {
    return getString(tag).orElse(fallback);
  }

  /** Numeric values of a DS/IS (text) or US/SS/UL/SL/FL/FD (binary) element. */
  public double[] getDoubles(int tag) {
    DicomElement e = elements.get(key(tag));
    if (e == null || e.value() == null || e.value().length == 0) {
      return new double[0];
    }
    ByteBuffer b =
        ByteBuffer.wrap(e.value())
            .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    String vr = e.vr();
    int n = e.value().length;
    switch (vr) {
      case "US":
      case "SS":
        {
          double[] out = new double[n / 2];
          for (int i = 0; i < out.length; i++) {
            short s = b.getShort(i * 2);
            out[i] = "US".equals(vr) ? (s & 0xFFFF) : s;
          }
          return out;
        }
      case "UL":
      case "SL":
        {
          double[] out = new double[n / 4];
          for (int i = 0; i < out.length; i++) {
            int v = b.getInt(i * 4);
            out[i] = "UL".equals(vr) ? (v & 0xFFFFFFFFL) : v;
          }
          return out;
        }
      case "FL":
        {
          double[] out = new double[n / 4];
          for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat(i * 4);
          }
          return out;
        }
      case "FD":
        {
          double[] out = new double[n / 8];
          for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble(i * 8);
          }
          return out;
        }
      default:
        String s = getString(tag).orElse("");
        if (s.isEmpty()) {
          return new double[0];
        }
        String[] parts = s.split("\\\\");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          try {
            out[i] = Double.parseDouble(parts[i].trim());
          } catch (NumberFormatException ex) {
            return new double[0];
          }
        }
        return out;
    }
  }

  public Optional<Double> getDouble(int tag) {
    double[] v = getDoubles(tag);
    return v.length == 0 ? Optional.empty() : Optional.of(v[0]);
  }

  public int getInt(int tag, int fallback) {
    return getDouble(tag).map(Double::intValue).orElse(fallback);
  }
}
