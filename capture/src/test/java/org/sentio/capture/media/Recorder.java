package org.sentio.capture.media;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps everything it is given. */
final class Recorder implements MediaListener {

  final List<VideoFrame> frames = new ArrayList<>();
  final List<AudioBlock> blocks = new ArrayList<>();

  @Override
  public void onVideoFrame(VideoFrame frame) {
    frames.add(frame);
  }

  @Override
  public void onAudio(AudioBlock block) {
    blocks.add(block);
  }

  List<Double> frameTimes() {
    return frames.stream().map(VideoFrame::timestampSeconds).toList();
  }

  int sampleCount() {
    return blocks.stream().mapToInt(b -> b.samples().length).sum();
  }

  float[] allSamples() {
    float[] all = new float[sampleCount()];
    int i = 0;
    for (AudioBlock b : blocks) {
      System.arraycopy(b.samples(), 0, all, i, b.samples().length);
      i += b.samples().length;
    }
    return all;
  }

  /**
   * Frequency estimated from rising crossings of the signal, with hysteresis at 30 % of the peak so
   * that codec noise around zero does not count.
   */
  static double zeroCrossingFrequency(float[] samples, int sampleRate) {
    float peak = 0;
    for (float s : samples) {
      peak = Math.max(peak, Math.abs(s));
    }
    float threshold = 0.3f * peak;
    boolean armed = false;
    int first = -1;
    int last = -1;
    int cycles = 0;
    for (int i = 0; i < samples.length; i++) {
      if (samples[i] < -threshold) {
        armed = true;
      } else if (armed && samples[i] > threshold) {
        armed = false;
        if (first < 0) {
          first = i;
        } else {
          cycles++;
        }
        last = i;
      }
    }
    return cycles == 0 ? 0 : cycles * sampleRate / (double) (last - first);
  }
}
