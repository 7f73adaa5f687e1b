package org.sentio.capture.media;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/** Reads a photograph (PNG, JPEG, BMP, GIF, TIFF) into one BGR frame through the JDK's ImageIO. */
public final class StillImage {
  private static final Set<String> EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

  private StillImage() {}

  /** Whether {@code path}'s extension names a still-image format. */
  public static boolean isStillImage(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Decodes the image as a frame at time 0.
   *
   * @throws MediaException naming the file when it is missing, empty or not a readable image
   */
  public static VideoFrame read(Path path) throws MediaException {
    Grabbers.checkReadableFile(path);
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(path.toFile());
    } catch (IOException e) {
      throw new MediaException(path, "not an image that can be read (" + e.getMessage() + ")", e);
    }
    if (decoded == null) {
      throw new MediaException(path, "not an image that can be read (PNG, JPEG, BMP, GIF, TIFF)");
    }
    int width = decoded.getWidth();
    int height = decoded.getHeight();
    BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D graphics = bgr.createGraphics();
    try {
      graphics.drawImage(decoded, 0, 0, null);
    } finally {
      graphics.dispose();
    }
    byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    return new VideoFrame(0, width, height, pixels);
  }
}
