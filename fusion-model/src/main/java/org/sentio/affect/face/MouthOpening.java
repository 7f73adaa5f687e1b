package org.sentio.affect.face;

/**
 * How far open a mouth is, from the FaceMesh landmarks the face pipeline already computes for each
 * face in each frame: the gap between the inner lips (mesh points 13 and 14) over the width between
 * the inner mouth corners (78 and 308), so that it does not depend on the face's size in the frame.
 * About 0 for a closed mouth, 0.3 to 0.6 for a wide-open one. Reading four points of a mesh that is
 * computed anyway costs next to nothing.
 */
public final class MouthOpening {
  /** Landmarks in the FaceMesh output: 468 points of (x, y, z). */
  public static final int MESH_VALUES = 468 * 3;

  private static final int UPPER_INNER_LIP = 13;
  private static final int LOWER_INNER_LIP = 14;
  private static final int LEFT_INNER_CORNER = 78;
  private static final int RIGHT_INNER_CORNER = 308;

  private MouthOpening() {}

  /**
   * The mouth opening of one face's mesh, or {@code NaN} when the mesh is not the 468-point one or
   * the mouth has no width (a degenerate mesh).
   */
  public static double of(float[] mesh) {
    if (mesh == null || mesh.length != MESH_VALUES) {
      return Double.NaN;
    }
    double gap = distance(mesh, UPPER_INNER_LIP, LOWER_INNER_LIP);
    double width = distance(mesh, LEFT_INNER_CORNER, RIGHT_INNER_CORNER);
    return width > 1e-6 ? gap / width : Double.NaN;
  }

  private static double distance(float[] mesh, int a, int b) {
    double dx = mesh[3 * a] - mesh[3 * b];
    double dy = mesh[3 * a + 1] - mesh[3 * b + 1];
    return Math.hypot(dx, dy);
  }
}
