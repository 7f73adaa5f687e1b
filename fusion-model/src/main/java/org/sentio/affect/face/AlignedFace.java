package org.sentio.affect.face;

import java.util.HashMap;
import java.util.Map;

/**
 * One face as the expression models see it: an upright RGB crop (values 0..255) that each model
 * cuts at its own size from the same alignment (same centre, side and roll), so models with
 * different inputs (the mini-Xception's 64x64 grey, face-api's 112x112 RGB) see the same face.
 * Crops are made on first use and kept.
 */
public final class AlignedFace {
  /** Cuts the upright crop at a given side in pixels. */
  @FunctionalInterface
  private interface Cutter {
    FloatImage cut(int size);
  }

  private final Cutter cutter;
  private final Map<Integer, FloatImage> rgb = new HashMap<>();
  private final Map<Integer, FloatImage> grey = new HashMap<>();

  private AlignedFace(Cutter cutter) {
    this.cutter = cutter;
  }

  /** The face {@code face} found in {@code frame}, aligned by {@link FaceAligner}. */
  public static AlignedFace of(Pixels frame, FaceDetection face) {
    return new AlignedFace(size -> FaceAligner.uprightCrop(frame, face, size));
  }

  /** A picture that is already an upright face crop (a data set image): resized whole. */
  public static AlignedFace whole(FloatImage picture) {
    return new AlignedFace(size -> picture.resizeBilinear(size, size));
  }

  /** The same face mirrored left to right: every crop is this face's crop, mirrored. */
  public AlignedFace mirrored() {
    return new AlignedFace(size -> rgb(size).mirrored());
  }

  /** The RGB crop, {@code size x size}, values 0..255. */
  public FloatImage rgb(int size) {
    return rgb.computeIfAbsent(size, cutter::cut);
  }

  /** The greyscale crop ({@link FloatImage#grey()} of {@link #rgb}), values 0..255. */
  public FloatImage grey(int size) {
    return grey.computeIfAbsent(size, s -> rgb(s).grey());
  }
}
