package org.sentio.capture.dicom;

import java.util.Arrays;
import java.util.Optional;

/** The transfer syntaxes Sentio knows by name, and how (or whether) their pixel data is decoded. */
public enum TransferSyntax {
  IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", Codec.NATIVE),
  EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", Codec.NATIVE),
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN(
      "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", Codec.NATIVE),
  EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian", Codec.NATIVE),
  JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", Codec.JPEG),
  JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", Codec.JPEG),
  JPEG_LOSSLESS(
      "1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", Codec.JPEG),
  JPEG_LOSSLESS_SV1(
      "1.2.840.10008.1.2.4.70",
      "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1)",
      Codec.JPEG),
  JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Codec.JPEG_LS),
  JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", Codec.JPEG_LS),
  JPEG_2000_LOSSLESS(
      "1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", Codec.JPEG_2000),
  JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", Codec.JPEG_2000),
  MPEG2("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", Codec.NONE),
  MPEG4("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", Codec.NONE),
  HEVC("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", Codec.NONE),
  HTJ2K_LOSSLESS(
      "1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)", Codec.NONE),
  HTJ2K("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", Codec.NONE),
  RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", Codec.RLE);

  /** How pixel data in this syntax is decoded. */
  public enum Codec {
    /** Uncompressed pixel data. */
    NATIVE,
    /** RLE Lossless, decoded by hand. */
    RLE,
    /** JPEG through ImageIO (TwelveMonkeys). */
    JPEG,
    /** JPEG-LS, grayscale, decoded by hand ({@code JpegLsDecoder}). */
    JPEG_LS,
    /** JPEG 2000 through FFmpeg's jpeg2000 decoder ({@code Jpeg2000Decoder}). */
    JPEG_2000,
    /** No decoder in Sentio: files are refused with the syntax's name and UID. */
    NONE
  }

  private final String uid;
  private final String displayName;
  private final Codec codec;

  TransferSyntax(String uid, String displayName, Codec codec) {
    this.uid = uid;
    this.displayName = displayName;
    this.codec = codec;
  }

  public String uid() {
    return uid;
  }

  public String displayName() {
    return displayName;
  }

  public Codec codec() {
    return codec;
  }

  /** Elements carry their VR (every syntax except Implicit VR Little Endian). */
  public boolean explicitVr() {
    return this != IMPLICIT_VR_LITTLE_ENDIAN;
  }

  public boolean bigEndian() {
    return this == EXPLICIT_VR_BIG_ENDIAN;
  }

  public boolean deflated() {
    return this == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
  }

  /** Pixel data is encapsulated (fragments), not native. */
  public boolean encapsulated() {
    return codec != Codec.NATIVE;
  }

  /** "name (uid)", as messages show it. */
  public String describe() {
    return displayName + " (" + uid + ")";
  }

  public static Optional<TransferSyntax> of(String uid) {
    return Arrays.stream(values()).filter(t -> t.uid.equals(uid)).findFirst();
  }
}
