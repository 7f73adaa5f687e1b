package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FaceBoxTest {
  @Test
  void iouOfOverlappingBoxes() {
    assertThat(new FaceBox(0, 0, 10, 10).iou(new FaceBox(5, 0, 10, 10)))
        .isCloseTo(50.0 / 150, within(1e-12));
  }

  @Test
  void iouIsOneForTheSameBoxAndZeroForDisjointOrTouching() {
    FaceBox a = new FaceBox(3, 4, 5, 6);
    assertThat(a.iou(a)).isEqualTo(1.0);
    assertThat(a.iou(new FaceBox(8, 4, 5, 6))).isZero();
    assertThat(a.iou(new FaceBox(0, 0, 0, 0))).isZero();
  }

  @Test
  void fromCornersOrdersThem() {
    assertThat(FaceBox.fromCorners(10, 20, 4, 5)).isEqualTo(new FaceBox(4, 5, 6, 15));
  }
}
