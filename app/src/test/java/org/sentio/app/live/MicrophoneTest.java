package org.sentio.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.app.SentioHome;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoredSession;
import org.sentio.app.ui.Engine;
import org.sentio.capture.media.AudioBlock;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/** Microphone capture with a fake line: conversion, listing, and capture → analysis → recording. */
class MicrophoneTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath();

  @TempDir Path data;

  /** A 48 kHz stereo microphone hearing a 440 Hz tone at half scale, in real time. */
  static final class ToneLine implements MicrophoneLine {
    final AudioFormat format = new AudioFormat(48_000, 16, 2, true, false);
    final CountDownLatch closed = new CountDownLatch(1);
    long frame;
    long started = System.nanoTime();

    @Override
    public AudioFormat format() {
      return format;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int frames = length / 4;
      long due = started + (long) ((frame + frames) / 48_000.0 * 1e9);
      try {
        if (closed.await(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          return -1;
        }
      } catch (InterruptedException e) {
        return -1;
      }
      for (int i = 0; i < frames; i++, frame++) {
        short v = (short) Math.round(Math.sin(2 * Math.PI * 440 * frame / 48_000.0) * 16384);
        for (int c = 0; c < 2; c++) {
          buffer[offset + i * 4 + c * 2] = (byte) v;
          buffer[offset + i * 4 + c * 2 + 1] = (byte) (v >> 8);
        }
      }
      return frames * 4;
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  /** Microphones with one fake, "USB Mic", whose opens are counted. */
  static final class FakeMicrophones implements Microphones {
    final AtomicInteger opened = new AtomicInteger();
    final List<ToneLine> lines = new ArrayList<>();

    @Override
    public List<String> names() {
      return List.of("USB Mic");
    }

    @Override
    public MicrophoneLine open(String name) throws CaptureException {
      if (!"USB Mic".equals(name)) {
        throw new CaptureException(name + ": not present", null);
      }
      opened.incrementAndGet();
      ToneLine l = new ToneLine();
      lines.add(l);
      return l;
    }
  }

  /** 25 grey 64×48 pictures a second, each with a burst of "camera sound" that must be dropped. */
  static final class GreyCamera implements CaptureSource {
    long start;
    int n;

    @Override
    public void start() {
      start = System.nanoTime();
    }

    @Override
    public boolean grab(Sink sink) {
      double seconds = n++ / 25.0;
      long wait = start + (long) (seconds * 1e9) - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000);
        } catch (InterruptedException e) {
          return false;
        }
      }
      byte[] bgr = new byte[64 * 48 * 3];
      java.util.Arrays.fill(bgr, (byte) 120);
      sink.picture(new CapturedFrame(System.nanoTime(), seconds, 64, 48, bgr, new int[64 * 48]));
      float[] loud = new float[640];
      java.util.Arrays.fill(loud, 0.99f);
      sink.sound(seconds, loud);
      return true;
    }

    @Override
    public int width() {
      return 64;
    }

    @Override
    public int height() {
      return 48;
    }

    @Override
    public double frameRate() {
      return 25;
    }

    @Override
    public boolean hasAudio() {
      return true;
    }

    @Override
    public String description() {
      return "grey camera";
    }

    @Override
    public void close() {}
  }

  @Test
  void stereo48kHzBecomes16kHzMonoAcrossReads() {
    MicrophoneSource.Downmix d = new MicrophoneSource.Downmix(2, 3);
    byte[] pcm = new byte[5 * 4];
    short[] left = {16384, 16384, 16384, -32768, 0};
    short[] right = {0, 0, 0, -32768, 0};
    for (int i = 0; i < 5; i++) {
      pcm[i * 4] = (byte) left[i];
      pcm[i * 4 + 1] = (byte) (left[i] >> 8);
      pcm[i * 4 + 2] = (byte) right[i];
      pcm[i * 4 + 3] = (byte) (right[i] >> 8);
    }
    assertThat(d.apply(pcm, 5)).containsExactly(0.25f);
    byte[] one = {0, 0, 0, 0};
    assertThat(d.apply(one, 1)).containsExactly(-1f / 3);
  }

  @Test
  void theSystemListingNeverThrowsAndOpeningAnAbsentMicrophoneSaysSo() {
    List<String> names = new JavaSoundMicrophones().names();
    assertThat(names).doesNotContainNull();
    try {
      new JavaSoundMicrophones().open("no such microphone 42");
      org.assertj.core.api.Assertions.fail("opened a microphone that is not there");
    } catch (CaptureException e) {
      assertThat(e.getMessage()).contains("no such microphone 42");
    }
  }

  @Test
  void theMicrophoneReplacesThePictureSourcesSound() throws Exception {
    FakeMicrophones mics = new FakeMicrophones();
    List<float[]> heard = new ArrayList<>();
    List<Double> at = new ArrayList<>();
    int[] pictures = {0};
    try (MicrophoneSource s = MicrophoneSource.withMicrophone(new GreyCamera(), mics, "USB Mic")) {
      s.start();
      assertThat(s.hasAudio()).isTrue();
      assertThat(s.description()).isEqualTo("grey camera, microphone USB Mic");
      for (int i = 0; i < 20; i++) {
        s.grab(
            new CaptureSource.Sink() {
              @Override
              public void picture(CapturedFrame frame) {
                pictures[0]++;
              }

              @Override
              public void sound(double seconds, float[] samples16k) {
                at.add(seconds);
                heard.add(samples16k);
              }
            });
      }
    }
    assertThat(pictures[0]).isEqualTo(20);
    assertThat(mics.lines.get(0).closed.getCount()).isZero();
    float peak = 0;
    int total = 0;
    for (float[] b : heard) {
      total += b.length;
      for (float v : b) {
        peak = Math.max(peak, Math.abs(v));
      }
    }
    assertThat(total).isBetween(16_000 * 6 / 10, 16_000);
    assertThat(peak).isBetween(0.45f, 0.51f); // the tone, never the camera's 0.99
    assertThat(at.get(0)).isZero();
    assertThat(at.get(1)).isEqualTo(0.05);
  }

  @Test
  void noSoundDropsThePictureSourcesSound() throws Exception {
    int[] sounds = {0};
    try (MicrophoneSource s = MicrophoneSource.silent(new GreyCamera())) {
      s.start();
      assertThat(s.hasAudio()).isFalse();
      s.grab(
          new CaptureSource.Sink() {
            @Override
            public void picture(CapturedFrame frame) {}

            @Override
            public void sound(double seconds, float[] samples16k) {
              sounds[0]++;
            }
          });
    }
    assertThat(sounds[0]).isZero();
  }

  @Test
  void aRecordingCarriesTheMicrophonesSoundIntoAnalysisAndTheFile() throws Exception {
    System.setProperty(SentioHome.PROPERTY, ROOT.toString());
    Engine engine =
        new Engine(
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.CPU);
    List<AffectWindow> closed = new CopyOnWriteArrayList<>();
    CountDownLatch twoSecondsAnalysed = new CountDownLatch(1);
    try (SessionStore store = SessionStore.open(data)) {
      long id;
      Path file;
      try (LiveSession live =
          new LiveSession(
              MicrophoneSource.withMicrophone(new GreyCamera(), new FakeMicrophones(), "USB Mic"),
              engine.analyzers(),
              new AnalysisOptions(2, 1.0, 0.5),
              store,
              data.resolve("recordings"),
              new LiveSession.Listener() {
                @Override
                public void windows(List<AffectWindow> w) {
                  closed.addAll(w);
                  if (w.get(w.size() - 1).endSeconds() >= 2.0) {
                    twoSecondsAnalysed.countDown();
                  }
                }
              })) {
        live.start();
        id = live.startRecording("microphone");
        file = live.recordingFile();
        assertThat(twoSecondsAnalysed.await(60, TimeUnit.SECONDS))
            .as("two seconds of the recording analysed")
            .isTrue();
        live.stopRecording();
      }
      StoredSession stored = store.sessions().load(id).orElseThrow();
      assertThat(stored.result().media().hasAudio()).isTrue();
      assertThat(closed).isNotEmpty();
      for (AffectWindow w : closed) {
        var voice = w.estimates().get(Modality.VOICE);
        assertThat(voice.absenceDetail()).isNotEqualTo("no microphone");
      }
      float[] peak = {0};
      int[] samples = {0};
      try (MediaSource recorded = MediaSource.open(file)) {
        recorded.stream(
            new MediaListener() {
              @Override
              public void onAudio(AudioBlock block) {
                samples[0] += block.samples().length;
                for (float v : block.samples()) {
                  peak[0] = Math.max(peak[0], Math.abs(v));
                }
              }
            },
            () -> false);
      }
      assertThat(samples[0]).isGreaterThan(16_000);
      assertThat(peak[0]).isBetween(0.4f, 0.55f);
    }
  }
}
