package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlazeFaceDecoderTest {

  @Test
  void anchorsFollowHumansGenerateAnchorsFor256() {
    float[][] anchors = BlazeFaceDecoder.anchors(256);
    assertThat(anchors).hasNumberOfRows(896);
    // stride 16, two per cell, row-major
    assertThat(anchors[0]).containsExactly(8f, 8f);
    assertThat(anchors[1]).containsExactly(8f, 8f);
    assertThat(anchors[2]).containsExactly(24f, 8f);
    assertThat(anchors[32]).containsExactly(8f, 24f);
    assertThat(anchors[511]).containsExactly(248f, 248f);
    // stride 32, six per cell
    for (int i = 512; i < 518; i++) {
      assertThat(anchors[i]).containsExactly(16f, 16f);
    }
    assertThat(anchors[518]).containsExactly(48f, 16f);
    assertThat(anchors[895]).containsExactly(240f, 240f);
  }

  @Test
  void decodesCentreSizeAndKeypointsRelativeToTheAnchorAndScalesToTheSource() {
    BlazeFaceDecoder decoder = new BlazeFaceDecoder(256);
    float[] logits = new float[896];
    float[] regressors = new float[896 * 16];
    int anchor = 2; // centre (24, 8)
    logits[anchor] = 2f;
    float[] r = {4, 6, 20, 30, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    System.arraycopy(r, 0, regressors, anchor * 16, 16);
    List<FaceDetection> all = decoder.decode(logits, regressors, 512, 128); // x * 2, y * 0.5
    FaceDetection d = all.get(anchor);
    assertThat(d.score()).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));
    // centre (28, 14), size 20 x 30 -> corners (18, -1)..(38, 29) -> scaled
    assertThat(d.box().x()).isCloseTo(36, within(1e-9));
    assertThat(d.box().y()).isCloseTo(-0.5, within(1e-9));
    assertThat(d.box().width()).isCloseTo(40, within(1e-9));
    assertThat(d.box().height()).isCloseTo(15, within(1e-9));
    assertThat(d.keypoints()).hasSize(6);
    assertThat(d.keypoints().get(0)).isEqualTo(new FacePoint((24 + 1) * 2, (8 + 2) * 0.5));
    assertThat(d.keypoints().get(5)).isEqualTo(new FacePoint((24 + 11) * 2, (8 + 12) * 0.5));
    assertThat(all.get(0).score()).isEqualTo(0.5);
  }
}
