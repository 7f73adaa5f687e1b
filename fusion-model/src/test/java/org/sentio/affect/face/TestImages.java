package org.sentio.affect.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Finds the shared test data and the repository root, and reads images as BGR frames. */
public final class TestImages {
  private TestImages() {}

  /** A decoded test image as a packed BGR frame. */
  public record Frame(int width, int height, byte[] bgr) {
    public FloatImage rgb() {
      return FloatImage.fromBgr(width, height, bgr);
    }
  }

  /**
   * The repository root: {@code sentio.root.dir}, else the first parent holding {@code pom.xml} and
   * {@code tools/}.
   */
  public static Path rootDir() {
    String property = System.getProperty("sentio.root.dir");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("tools")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find the repository root from " + Path.of("").toAbsolutePath());
  }

  /** The shared folder: {@code sentio.shared.dir}, else {@code ../shared} beside the repository. */
  public static Path sharedDir() {
    String property = System.getProperty("sentio.shared.dir");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    return rootDir().resolve("../shared").normalize();
  }

  public static Path face(String file) {
    Path path = sharedDir().resolve("testdata/faces").resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("test image missing: " + path);
    }
    return path;
  }

  public static Frame readBgr(Path path) throws IOException {
    BufferedImage image = ImageIO.read(path.toFile());
    if (image == null) {
      throw new IOException("not an image ImageIO can read: " + path);
    }
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] bgr = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        int i = (y * w + x) * 3;
        bgr[i] = (byte) rgb;
        bgr[i + 1] = (byte) (rgb >> 8);
        bgr[i + 2] = (byte) (rgb >> 16);
      }
    }
    return new Frame(w, h, bgr);
  }

  public static Path modelsDir() {
    return rootDir().resolve("resources/models");
  }
}
