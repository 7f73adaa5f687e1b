package org.sentio.app.ui.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSlice;

class SliceRendererTest {

  @Test
  void presetsAreDesignMdsList() {
    assertThat(WindowPreset.values())
        .extracting(WindowPreset::toString)
        .containsExactly(
            "Brain 40/80",
            "Subdural 75/215",
            "Stroke 40/40",
            "Bone 600/2800",
            "Lung -600/1500",
            "Abdomen 40/400");
  }

  @Test
  void windowMapsLinearlyAndClips() {
    assertThat(SliceRenderer.grey(0, 40, 80)).isZero();
    assertThat(SliceRenderer.grey(40, 40, 80)).isEqualTo(128);
    assertThat(SliceRenderer.grey(80, 40, 80)).isEqualTo(255);
    assertThat(SliceRenderer.grey(-1000, 40, 80)).isZero();
    assertThat(SliceRenderer.grey(3000, 40, 80)).isEqualTo(255);
  }

  @Test
  void ctSliceRendersThroughTheBoneWindow() throws Exception {
    DicomSlice s = DicomReader.readImage(ClinicalFlowTest.CT).frames().get(0);
    int[] argb = SliceRenderer.argb(s, 600, 2800);
    int i = 64 * s.width() + 64;
    int grey = argb[i] & 0xFF;
    assertThat(grey).isEqualTo(SliceRenderer.grey(904, 600, 2800));
    assertThat(argb[i] >>> 24).isEqualTo(0xFF);
  }
}
