package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.cli.EvaluateCommandTest.Run;

/** {@code sentio bench-faces} on a tiny raw file of real frames, and on bad input. */
class FaceBenchCommandTest {
  private static Path astronaut;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
    Path shared = Path.of(System.getProperty("sentio.shared.dir", root + "/../shared"));
    astronaut = shared.resolve("testdata/faces/astronaut.png");
  }

  /** Writes {@code count} copies of the astronaut photo as packed bgr24 frames, as ffmpeg would. */
  private static Path rawFrames(Path dir, int count) throws IOException {
    BufferedImage photo = ImageIO.read(astronaut.toFile());
    BufferedImage bgr =
        new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    bgr.getGraphics().drawImage(photo, 0, 0, null);
    byte[] frame = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    Path raw = dir.resolve("frames.bgr");
    for (int i = 0; i < count; i++) {
      Files.write(raw, frame, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return raw;
  }

  @Test
  void timesEveryFrameAndFindsTheFaceInEach(@TempDir Path dir) throws Exception {
    Path raw = rawFrames(dir, 3);
    Path json = dir.resolve("out/sentio.json");

    Run r =
        EvaluateCommandTest.run(
            "bench-faces",
            "--raw",
            raw.toString(),
            "--size",
            "512x512",
            "--repeat",
            "2",
            "--warmup",
            "1",
            "--device",
            "cpu",
            "--json",
            json.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("frames/s").contains("faces found       3 (on 3 of 3 frames)");
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertThat(figures.get("frames").asInt()).isEqualTo(3);
    assertThat(figures.get("facesFound").asInt()).isEqualTo(3);
    assertThat(figures.get("secondsPerPass")).hasSize(2);
    assertThat(figures.get("provider").asText()).isEqualTo("CPU");
    double seconds = figures.get("seconds").asDouble();
    assertThat(seconds).isPositive();
    assertThat(figures.get("framesPerSecond").asDouble()).isCloseTo(3 / seconds, within(1e-9));
    assertThat(figures.get("cpuSecondsPerFrame").asDouble()).isPositive();
  }

  @Test
  void aMissingFileIsNamedWithHowToMakeOne(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere.bgr");
    Run r = EvaluateCommandTest.run("bench-faces", "--raw", missing.toString(), "--size", "8x8");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nowhere.bgr").contains("no such file").contains("ffmpeg");
  }

  @Test
  void aSizeThatDoesNotDivideTheFileIsRefusedWithTheNumbers(@TempDir Path dir) throws Exception {
    Path raw = rawFrames(dir, 1);
    Run r = EvaluateCommandTest.run("bench-faces", "--raw", raw.toString(), "--size", "500x500");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("786432 bytes")
        .contains("500x500")
        .contains("750000 bytes each")
        .contains("--size");
  }

  @Test
  void anEmptyFileIsRefused(@TempDir Path dir) throws Exception {
    Path raw = Files.createFile(dir.resolve("empty.bgr"));
    Run r = EvaluateCommandTest.run("bench-faces", "--raw", raw.toString(), "--size", "4x4");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("empty.bgr").contains("0 bytes");
  }

  @Test
  void aFolderIsNotAFileOfFrames(@TempDir Path dir) {
    Run r = EvaluateCommandTest.run("bench-faces", "--raw", dir.toString(), "--size", "4x4");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is a folder");
  }

  @Test
  void badSizesAreRefusedBeforeAnyModelLoads(@TempDir Path dir) throws Exception {
    Path raw = rawFrames(dir, 1);
    for (String size : new String[] {"512*512", "512", "0x512", "x", "99999x99999"}) {
      Run r = EvaluateCommandTest.run("bench-faces", "--raw", raw.toString(), "--size", size);
      assertThat(r.exit()).as(size).isEqualTo(2);
      assertThat(r.err()).as(size).contains("--size").contains(size);
    }
  }

  @Test
  void aMissingRequiredOptionPointsToHelp() {
    Run r = EvaluateCommandTest.run("bench-faces", "--size", "8x8");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--raw").contains("bench-faces --help");
  }
}
