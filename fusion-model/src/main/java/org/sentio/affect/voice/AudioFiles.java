package org.sentio.affect.voice;

import java.nio.file.Path;
import org.sentio.capture.media.AudioBlock;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaSource;

/** Reads the whole audio track of a file FFmpeg can decode, as mono float samples. */
public final class AudioFiles {
  private AudioFiles() {}

  /**
   * The audio of {@code path} resampled to {@code sampleRate} Hz mono, in [-1, 1].
   *
   * @throws MediaException naming the file when it cannot be decoded or holds no audio
   */
  public static float[] readMono(Path path, int sampleRate) throws MediaException {
    CaptureOptions options = CaptureOptions.defaults().withAudioSampleRate(sampleRate);
    try (MediaSource source = MediaSource.open(path, options)) {
      Collector collector = new Collector();
      source.stream(collector, () -> false);
      if (collector.size == 0) {
        throw new MediaException(path, "no audio decoded; does the file have an audio stream?");
      }
      return java.util.Arrays.copyOf(collector.samples, collector.size);
    }
  }

  private static final class Collector implements MediaListener {
    float[] samples = new float[16_000 * 8];
    int size;

    @Override
    public void onAudio(AudioBlock block) {
      float[] in = block.samples();
      if (size + in.length > samples.length) {
        samples = java.util.Arrays.copyOf(samples, Math.max(samples.length * 2, size + in.length));
      }
      System.arraycopy(in, 0, samples, size, in.length);
      size += in.length;
    }
  }
}
