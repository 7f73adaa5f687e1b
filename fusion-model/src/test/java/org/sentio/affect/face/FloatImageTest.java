package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FloatImageTest {

  private static FloatImage ramp(int w, int h) {
    float[] d = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        d[y * w + x] = 10 * x + y;
      }
    }
    return new FloatImage(w, h, 1, d);
  }

  @Test
  void readsBgrAsRgb() {
    FloatImage rgb = FloatImage.fromBgr(1, 1, new byte[] {1, 2, (byte) 200});
    assertThat(rgb.data()).containsExactly(200f, 2f, 1f);
  }

  @Test
  void refusesABufferOfTheWrongSize() {
    assertThatThrownBy(() -> FloatImage.fromBgr(4, 4, new byte[10]))
        .hasMessageContaining("4x4 BGR frame needs 48 bytes, got 10");
  }

  @Test
  void resizeBilinearUsesTfjsLegacyCoordinates() {
    // 4 -> 2: source x = 2 * dst (no half-pixel centres), so it picks columns 0 and 2 exactly
    FloatImage small = ramp(4, 4).resizeBilinear(2, 2);
    assertThat(small.data()).containsExactly(0f, 20f, 2f, 22f);
    // 2 -> 4: source x = dst / 2, the last column clamps to the edge
    FloatImage big = ramp(2, 1).resizeBilinear(4, 1);
    assertThat(big.data()).containsExactly(0f, 5f, 10f, 10f);
  }

  @Test
  void cropAndResizeMatchesTfImageCropAndResize() {
    FloatImage img = ramp(4, 4);
    // box over the whole image at its own size: y = v * (H - 1) / (size - 1) = v, the image again
    assertThat(img.cropAndResize(0, 0, 4, 4, 4).data()).containsExactly(img.data());
    // top-left half at size 3: y = v * 0.5 * 3 / 2 = 0.75 v, same for x
    FloatImage crop = img.cropAndResize(0, 0, 2, 2, 3);
    assertThat(crop.get(2, 1, 0)).isCloseTo(10 * 1.5f + 0.75f, within(1e-5f));
    // outside the image reads 0
    assertThat(img.cropAndResize(-8, -8, -4, -4, 2).data()).containsOnly(0f);
  }

  @Test
  void rotatedCropWithoutRotationSamplesPixelCentres() {
    FloatImage img = ramp(8, 8);
    FloatImage crop = img.rotatedCrop(4, 4, 4, 0, 4); // pixels 2..5
    assertThat(crop.get(0, 0, 0)).isCloseTo(img.get(2, 2, 0), within(1e-5f));
    assertThat(crop.get(3, 3, 0)).isCloseTo(img.get(5, 5, 0), within(1e-5f));
  }

  @Test
  void rotatedCropLevelsATiltedLine() {
    // a bright dot at 45 degrees from the centre lands on the crop's horizontal axis
    float[] d = new float[21 * 21];
    d[(10 + 5) * 21 + (10 + 5)] = 255;
    FloatImage img = new FloatImage(21, 21, 1, d);
    FloatImage crop = img.rotatedCrop(10.5, 10.5, 21, Math.PI / 4, 21);
    int best = 0;
    for (int i = 1; i < crop.data().length; i++) {
      if (crop.data()[i] > crop.data()[best]) {
        best = i;
      }
    }
    assertThat(best / 21).as("row").isEqualTo(10);
    assertThat(best % 21).as("column").isEqualTo(10 + 7);
  }

  @Test
  void laplacianVarianceIsZeroOnFlatAndLinearImagesAndHighOnNoise() {
    assertThat(new FloatImage(8, 8, 1, new float[64]).laplacianVariance()).isZero();
    assertThat(ramp(8, 8).laplacianVariance()).isCloseTo(0, within(1e-9));
    float[] checker = new float[64];
    for (int i = 0; i < 64; i++) {
      checker[i] = ((i / 8 + i % 8) % 2) * 255f;
    }
    assertThat(new FloatImage(8, 8, 1, checker).laplacianVariance()).isGreaterThan(1000);
  }

  @Test
  void greyUsesTheMiniXceptionWeights() {
    FloatImage rgb = new FloatImage(1, 1, 3, new float[] {100, 200, 50});
    assertThat(rgb.grey().data()[0])
        .isCloseTo(0.2989f * 100 + 0.5870f * 200 + 0.1140f * 50, within(1e-4f));
  }
}
