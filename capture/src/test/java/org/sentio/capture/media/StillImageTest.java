package org.sentio.capture.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StillImageTest {
  private static final Path SHARED =
      Path.of(System.getProperty("sentio.shared.dir", "../../shared"));

  @TempDir Path work;

  @Test
  void readsAPhotographAsOneBgrFrame() throws Exception {
    VideoFrame frame = StillImage.read(SHARED.resolve("testdata/faces/astronaut.png"));

    assertThat(frame.width()).isEqualTo(512);
    assertThat(frame.height()).isEqualTo(512);
    assertThat(frame.bgr()).hasSize(512 * 512 * 3);
    assertThat(frame.timestampSeconds()).isZero();
  }

  @Test
  void keepsBgrChannelOrder() throws Exception {
    Path red = work.resolve("red.png");
    Ffmpeg.make(red, "-f", "lavfi", "-i", "color=c=red:size=16x8", "-frames:v", "1");

    int[] pixel = StillImage.read(red).pixel(3, 3);

    assertThat(pixel[0]).as("blue").isLessThan(10);
    assertThat(pixel[2]).as("red").isGreaterThan(245);
  }

  @Test
  void refusesATextFileNamedPng() throws Exception {
    Path fake = work.resolve("notes.png");
    Files.writeString(fake, "not a picture");

    assertThatThrownBy(() -> StillImage.read(fake))
        .isInstanceOf(MediaException.class)
        .hasMessageStartingWith(fake.toString())
        .hasMessageContaining("not an image");
  }

  @Test
  void namesAMissingFile() {
    assertThatThrownBy(() -> StillImage.read(work.resolve("gone.jpg")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("gone.jpg: no such file");
  }

  @Test
  void recognisesStillImageExtensions() {
    assertThat(StillImage.isStillImage(Path.of("a/B.JPG"))).isTrue();
    assertThat(StillImage.isStillImage(Path.of("call.mp4"))).isFalse();
    assertThat(StillImage.isStillImage(Path.of("noextension"))).isFalse();
  }
}
