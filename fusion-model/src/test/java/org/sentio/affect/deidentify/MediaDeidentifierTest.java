package org.sentio.affect.deidentify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import be.tarsos.dsp.pitch.PitchDetector;
import be.tarsos.dsp.pitch.PitchProcessor.PitchEstimationAlgorithm;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.face.BgrPixels;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.face.FaceBox;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.train.ShippedModels;
import org.sentio.capture.media.MediaException;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * De-identified copies of the demo recording (the astronaut photo held still, espeak-ng speech):
 * read back, the face is gone for the detector and the eye, the rest of the picture is kept, and
 * the voice's pitch moved by the factor asked for while the length stayed.
 */
class MediaDeidentifierTest {
  /** Where the astronaut's face is in the 512×512 demo video (FaceAnalyzerTest). */
  private static final FaceBox FACE = new FaceBox(177, 67, 93, 93);

  private static OnnxHost host;
  private static ModelRegistry registry;
  private static BlazeFaceDetector detector;
  private static Path demo;

  @TempDir static Path dir;

  @BeforeAll
  static void open() throws Exception {
    host = OnnxHost.start(DevicePreference.CPU, 0);
    registry = new ModelRegistry(ShippedModels.root().resolve("resources/models"), "build");
    detector =
        new BlazeFaceDetector(
            host.open(registry, registry.find(BlazeFaceDetector.MODEL)),
            MediaDeidentifier.DETECTION);
    demo = ShippedModels.root().resolve("resources/demo/demo.mp4");
  }

  @AfterAll
  static void close() throws Exception {
    detector.close();
  }

  @Test
  void blurredCopyHidesTheFaceKeepsTheRestAndShiftsTheVoice() throws Exception {
    Path out = dir.resolve("blurred.mp4");
    MediaDeidentifier.Outcome outcome =
        MediaDeidentifier.write(
            demo,
            out,
            detector,
            new MediaDeidentifier.Options(FaceTreatment.BLUR, VoiceTreatment.SHIFT, 1.25),
            ProgressListener.NONE);
    assertThat(outcome.frames()).isGreaterThan(400);
    assertThat(outcome.framesWithFaces()).isEqualTo(outcome.frames());
    assertThat(outcome.mostFacesInAFrame()).isEqualTo(1);
    assertThat(outcome.audioWritten()).isTrue();

    List<byte[]> before = frames(demo, 5);
    List<byte[]> after = frames(out, 5);
    assertThat(after).hasSize(before.size());
    try (BlazeFaceDetector strict =
        new BlazeFaceDetector(
            host.open(registry, registry.find(BlazeFaceDetector.MODEL)),
            BlazeFaceDetector.Options.DEFAULT)) {
      for (int i = 0; i < before.size(); i++) {
        assertThat(strict.detect(new BgrPixels(512, 512, before.get(i)))).hasSize(1);
        assertThat(strict.detect(new BgrPixels(512, 512, after.get(i))))
            .as("faces found in de-identified frame %d", i)
            .isEmpty();
        assertThat(meanDifference(before.get(i), after.get(i), 200, 120, 60, 60))
            .as("change inside the face")
            .isGreaterThan(15);
        assertThat(detail(after.get(i), 190, 80, 70, 70))
            .as("fine detail left in the face")
            .isLessThan(detail(before.get(i), 190, 80, 70, 70) / 4);
        assertThat(meanDifference(before.get(i), after.get(i), 10, 400, 100, 100))
            .as("change in the picture away from the face")
            .isLessThan(6);
      }
    }

    float[] voiceBefore = samples(demo);
    float[] voiceAfter = samples(out);
    assertThat(voiceAfter.length / 16_000.0).isCloseTo(voiceBefore.length / 16_000.0, within(0.2));
    double pitchBefore = medianPitch(voiceBefore);
    double pitchAfter = medianPitch(voiceAfter);
    System.out.printf(
        "voice shift 1.25: median pitch %.1f Hz -> %.1f Hz (ratio %.3f)%n",
        pitchBefore, pitchAfter, pitchAfter / pitchBefore);
    assertThat(pitchAfter / pitchBefore).isCloseTo(1.25, within(0.08));
  }

  @Test
  void landmarksCopyPaintsTheFaceGreyAndRemovedVoiceLeavesNoSound() throws Exception {
    Path out = dir.resolve("landmarks.mp4");
    MediaDeidentifier.Outcome outcome =
        MediaDeidentifier.write(
            demo,
            out,
            detector,
            new MediaDeidentifier.Options(
                FaceTreatment.LANDMARKS, VoiceTreatment.REMOVE, Double.NaN),
            ProgressListener.NONE);
    assertThat(outcome.audioWritten()).isFalse();
    assertThat(outcome.audioSeconds()).isZero();
    byte[] frame = frames(out, 1).get(0);
    int grey = 0;
    int n = 0;
    for (int y = 90; y < 150; y++) {
      for (int x = 190; x < 260; x++) {
        int i = (y * 512 + x) * 3;
        n++;
        if (Math.abs((frame[i + 1] & 0xff) - 128) < 12) {
          grey++;
        }
      }
    }
    assertThat(grey / (double) n).as("share of the face painted grey").isGreaterThan(0.8);
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
      g.start();
      assertThat(g.hasAudio()).isFalse();
      assertThat(g.hasVideo()).isTrue();
    }
  }

  @Test
  void aFileThatIsNotMediaIsRefusedByNameAndLeavesNothing() throws Exception {
    Path text = dir.resolve("notes.mp4");
    Files.writeString(text, "not a video at all\n");
    Path out = dir.resolve("refused.mp4");
    assertThatThrownBy(
            () ->
                MediaDeidentifier.write(
                    text,
                    out,
                    detector,
                    MediaDeidentifier.Options.defaults(),
                    ProgressListener.NONE))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("notes.mp4");
    assertThat(out).doesNotExist();
    assertThatThrownBy(
            () ->
                MediaDeidentifier.write(
                    dir.resolve("gone.mp4"),
                    out,
                    detector,
                    MediaDeidentifier.Options.defaults(),
                    ProgressListener.NONE))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("gone.mp4");
  }

  @Test
  void randomFactorsAvoidTheNeighbourhoodOfOne() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    for (int i = 0; i < 1000; i++) {
      double f = MediaDeidentifier.randomPitchFactor(random);
      assertThat(f < 0.87 || f > 1.17).as("factor %s", f).isTrue();
      assertThat(f).isBetween(0.78, 1.30);
    }
  }

  /** Every {@code step}-th frame, packed BGR. */
  private static List<byte[]> frames(Path file, int count) throws Exception {
    List<byte[]> frames = new ArrayList<>();
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
      g.start();
      int index = 0;
      for (Frame f = g.grabImage(); f != null && frames.size() < count; f = g.grabImage()) {
        if (index++ % 80 == 10) {
          byte[] packed = new byte[f.imageWidth * f.imageHeight * 3];
          ByteBuffer buf = (ByteBuffer) f.image[0];
          for (int y = 0; y < f.imageHeight; y++) {
            buf.get(y * f.imageStride, packed, y * f.imageWidth * 3, f.imageWidth * 3);
          }
          frames.add(packed);
        }
      }
    }
    return frames;
  }

  private static double meanDifference(byte[] a, byte[] b, int x0, int y0, int w, int h) {
    double sum = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        for (int c = 0; c < 3; c++) {
          int i = (y * 512 + x) * 3 + c;
          sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
      }
    }
    return sum / (w * h * 3);
  }

  /** Mean absolute difference between horizontal neighbours: how much fine detail is left. */
  private static double detail(byte[] bgr, int x0, int y0, int w, int h) {
    double sum = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w - 1; x++) {
        int i = (y * 512 + x) * 3 + 1;
        sum += Math.abs((bgr[i] & 0xff) - (bgr[i + 3] & 0xff));
      }
    }
    return sum / (w * h);
  }

  private static float[] samples(Path file) throws Exception {
    List<float[]> parts = new ArrayList<>();
    int n = 0;
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
      g.setSampleRate(16_000);
      g.setAudioChannels(1);
      g.start();
      for (Frame f = g.grabSamples(); f != null; f = g.grabSamples()) {
        FloatBuffer buf = (FloatBuffer) f.samples[0];
        float[] part = new float[buf.remaining()];
        buf.get(part);
        parts.add(part);
        n += part.length;
      }
    }
    float[] all = new float[n];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  /** TarsosDSP's YIN over 64 ms frames; the median of the voiced ones. */
  private static double medianPitch(float[] samples) {
    int size = 1024;
    PitchDetector yin = PitchEstimationAlgorithm.YIN.getDetector(16_000, size);
    List<Float> pitches = new ArrayList<>();
    for (int at = 0; at + size <= samples.length; at += size / 2) {
      float[] frame = Arrays.copyOfRange(samples, at, at + size);
      var result = yin.getPitch(frame);
      if (result.isPitched() && result.getProbability() > 0.9 && result.getPitch() > 50) {
        pitches.add(result.getPitch());
      }
    }
    pitches.sort(Float::compare);
    assertThat(pitches).hasSizeGreaterThan(20);
    return pitches.get(pitches.size() / 2);
  }
}
