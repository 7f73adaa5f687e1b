package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sampling the decoder's bytes directly gives exactly the numbers of sampling the whole frame
 * converted to floats first, for every model input cut from a real photo.
 */
class BgrPixelsTest {
  private static TestImages.Frame astronaut;
  private static BgrPixels bytes;
  private static FloatImage floats;

  @BeforeAll
  static void read() throws Exception {
    astronaut = TestImages.readBgr(TestImages.face("astronaut.png"));
    bytes = new BgrPixels(astronaut.width(), astronaut.height(), astronaut.bgr());
    floats = FloatImage.fromBgr(astronaut.width(), astronaut.height(), astronaut.bgr());
  }

  @Test
  void readsTheSameRgbValuesAsTheConvertedFrame() {
    for (int y = 0; y < astronaut.height(); y += 7) {
      for (int x = 0; x < astronaut.width(); x += 5) {
        for (int c = 0; c < 3; c++) {
          assertThat(bytes.get(x, y, c)).isEqualTo(floats.get(x, y, c));
        }
      }
    }
  }

  @Test
  void theDetectorInputIsIdentical() {
    assertThat(BlazeFaceDetector.preprocess(bytes, 256))
        .containsExactly(BlazeFaceDetector.preprocess(floats, 256));
  }

  @Test
  void theFaceMeshAndExpressionCropsAreIdentical() {
    FaceBox box = new FaceBox(177, 67, 93, 93);
    assertThat(FaceVerifier.preprocess(bytes, box))
        .containsExactly(FaceVerifier.preprocess(floats, box));
    for (double angle : new double[] {0, 0.3, -1.2}) {
      assertThat(Resampling.rotatedCrop(bytes, 223.5, 113.5, 102, angle, 64).data())
          .containsExactly(floats.rotatedCrop(223.5, 113.5, 102, angle, 64).data());
    }
    assertThat(Resampling.cropAndResize(bytes, -20, -30, 120, 90, 192).data())
        .as("a crop reaching outside the frame")
        .containsExactly(floats.cropAndResize(-20, -30, 120, 90, 192).data());
  }

  @Test
  void aBufferOfTheWrongSizeIsRefusedWithBothSizes() {
    assertThatThrownBy(() -> new BgrPixels(4, 4, new byte[47]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4x4")
        .hasMessageContaining("48 bytes, got 47");
  }
}
