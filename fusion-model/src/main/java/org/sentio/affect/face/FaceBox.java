package org.sentio.affect.face;

/** An axis-aligned box in source-image pixels: top-left corner, width and height. */
public record FaceBox(double x, double y, double width, double height) {

  public FaceBox {
    if (!(width >= 0) || !(height >= 0)) {
      throw new IllegalArgumentException("box size must be non-negative: " + width + "x" + height);
    }
  }

  /** The box spanning two corners. */
  public static FaceBox fromCorners(double x0, double y0, double x1, double y1) {
    return new FaceBox(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
  }

  public double area() {
    return width * height;
  }

  public double centerX() {
    return x + width / 2;
  }

  public double centerY() {
    return y + height / 2;
  }

  /** Intersection over union; 0 when either box is empty. */
  public double iou(FaceBox other) {
    double ix = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
    double iy = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
    if (ix <= 0 || iy <= 0) {
      return 0;
    }
    double intersection = ix * iy;
    double union = area() + other.area() - intersection;
    return union <= 0 ? 0 : intersection / union;
  }
}
