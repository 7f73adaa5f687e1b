package org.sentio.app.ui;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Packed ARGB pictures (decoded or captured frames) into JavaFX images, reusing the last one. */
public final class ArgbImages {
  private ArgbImages() {}

  /**
   * Writes {@code argb} ({@code width * height} pixels) into {@code reuse} when it has that size,
   * else into a new image, and returns the image written.
   */
  public static WritableImage write(WritableImage reuse, int width, int height, int[] argb) {
    WritableImage image =
        reuse != null && (int) reuse.getWidth() == width && (int) reuse.getHeight() == height
            ? reuse
            : new WritableImage(width, height);
    image
        .getPixelWriter()
        .setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    return image;
  }
}
