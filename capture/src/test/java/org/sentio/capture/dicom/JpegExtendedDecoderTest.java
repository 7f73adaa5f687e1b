package org.sentio.capture.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class JpegExtendedDecoderTest {

  /** The same pipeline at 8 bits: our decoder agrees with the JDK's on a JDK-encoded image. */
  @Test
  void agreesWithTheJdkOnAnEightBitBaselineImage() throws Exception {
    int w = 61;
    int h = 45;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Random r = new Random(7);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = (int) (128 + 100 * Math.sin(x / 7.0) * Math.cos(y / 5.0)) + r.nextInt(9) - 4;
        img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ImageWriteParam p = writer.getDefaultWriteParam();
    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    p.setCompressionQuality(0.9f);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(img, null, null), p);
    }
    writer.dispose();
    byte[] jpeg = bytes.toByteArray();
    BufferedImage jdk = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    assertThat(JpegExtendedDecoder.precision(jpeg)).isEqualTo(8);
    int[] ours = JpegExtendedDecoder.decode(jpeg, h, w);
    int worst = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        worst = Math.max(worst, Math.abs(ours[y * w + x] - jdk.getRaster().getSample(x, y, 0)));
      }
    }
    assertThat(worst).isLessThanOrEqualTo(2);
  }

  @Test
  void twelveBitJpegLossyOpens() throws Exception {
    DicomReader.Image img = DicomReader.readImage(DicomReaderTest.file("JPEG-lossy.dcm"));
    DicomSlice s = img.frames().get(0);
    assertThat(img.info().transferSyntax()).isEqualTo(TransferSyntax.JPEG_EXTENDED);
    assertThat(s.width()).isEqualTo(256);
    assertThat(s.height()).isEqualTo(1024);
    // A real image, not noise: neighbouring pixels differ far less than the value range.
    long diff = 0;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int y = 0; y < s.height(); y++) {
      for (int x = 1; x < s.width(); x++) {
        diff += Math.abs(s.storedAt(x, y) - s.storedAt(x - 1, y));
        min = Math.min(min, s.storedAt(x, y));
        max = Math.max(max, s.storedAt(x, y));
      }
    }
    double meanDiff = diff / (double) (s.height() * (s.width() - 1));
    System.out.printf(
        "JPEG-lossy: range %d..%d, mean neighbour difference %.2f, (140,420)=%d (120,230)=%d%n",
        min, max, meanDiff, s.storedAt(140, 420), s.storedAt(120, 230));
    // The values pydicom's tests expect from libjpeg for this file; float IDCT rounds within 1.
    assertThat(s.storedAt(140, 420)).isBetween(243, 245);
    assertThat(s.storedAt(120, 230)).isBetween(94, 96);
    assertThat(max - min).isGreaterThan(100);
    assertThat(meanDiff).isLessThan((max - min) / 20.0);
  }
}
