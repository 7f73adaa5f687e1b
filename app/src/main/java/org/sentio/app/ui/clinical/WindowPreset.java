package org.sentio.app.ui.clinical;

/** CT window presets (centre/width in HU), DESIGN.md's list. */
public enum WindowPreset {
  BRAIN("Brain", 40, 80),
  SUBDURAL("Subdural", 75, 215),
  STROKE("Stroke", 40, 40),
  BONE("Bone", 600, 2800),
  LUNG("Lung", -600, 1500),
  ABDOMEN("Abdomen", 40, 400);

  private final String label;
  private final double center;
  private final double width;

  WindowPreset(String label, double center, double width) {
    this.label = label;
    this.center = center;
    this.width = width;
  }

  public double center() {
    return center;
  }

  public double width() {
    return width;
  }

  @Override
  public String toString() {
    return label + " " + (int) center + "/" + (int) width;
  }
}
