package org.sentio.affect.speech.speaker;

/**
 * Tells whether the two channels of a recording carry different people, from the level difference
 * of the channels in 20 ms frames. Where each party has a channel, one channel is much louder than
 * the other while someone speaks, the left in some frames and the right in others (the other side's
 * voice reaches a channel only as crosstalk). A duplicated or mixed stereo keeps the channels
 * within a few dB of each other. Fed block by block, it holds only running sums, so memory stays
 * flat with length.
 */
public final class StereoCheck {
  /** Frames of 20 ms at 16 kHz. */
  static final int FRAME = 320;

  /** A frame holds sound when its louder channel's RMS is above this (about -45 dBFS). */
  static final double SOUND_FLOOR_RMS = 0.0056;

  /** The level difference, in dB, that makes one channel dominant in a frame. */
  static final double DOMINANCE_DB = 6;

  /** Each channel must dominate in at least this share of sound frames for "one per channel". */
  static final double MIN_DOMINANT_SHARE = 0.05;

  /** A channel with sound in fewer than this share of the other's sound frames is silent. */
  static final double SILENT_SHARE = 0.02;

  private final float[][] pending = new float[2][FRAME];
  private int filled;
  private long soundFrames;
  private long leftSound;
  private long rightSound;
  private long leftDominant;
  private long rightDominant;
  private double correlationSum;
  private float[] leftEnergy = new float[1024];
  private float[] rightEnergy = new float[1024];
  private int frames;

  /** Adds a block of the two channels (equal lengths, 16 kHz). */
  public void accept(float[] left, float[] right) {
    if (left.length != right.length) {
      throw new IllegalArgumentException(
          "channel blocks differ in length: " + left.length + " vs " + right.length);
    }
    for (int i = 0; i < left.length; i++) {
      pending[0][filled] = left[i];
      pending[1][filled] = right[i];
      if (++filled == FRAME) {
        frame(pending[0], pending[1]);
        filled = 0;
      }
    }
  }

  private void frame(float[] l, float[] r) {
    double el = 0;
    double er = 0;
    double cross = 0;
    for (int i = 0; i < FRAME; i++) {
      el += l[i] * l[i];
      er += r[i] * r[i];
      cross += l[i] * r[i];
    }
    if (frames == leftEnergy.length) {
      leftEnergy = java.util.Arrays.copyOf(leftEnergy, frames * 2);
      rightEnergy = java.util.Arrays.copyOf(rightEnergy, frames * 2);
    }
    leftEnergy[frames] = (float) el;
    rightEnergy[frames] = (float) er;
    frames++;
    double floor = SOUND_FLOOR_RMS * SOUND_FLOOR_RMS * FRAME;
    boolean leftHasSound = el > floor;
    boolean rightHasSound = er > floor;
    if (!leftHasSound && !rightHasSound) {
      return;
    }
    soundFrames++;
    leftSound += leftHasSound ? 1 : 0;
    rightSound += rightHasSound ? 1 : 0;
    double tiny = 1e-12;
    double db = 10 * Math.log10((el + tiny) / (er + tiny));
    leftDominant += db >= DOMINANCE_DB ? 1 : 0;
    rightDominant += db <= -DOMINANCE_DB ? 1 : 0;
    correlationSum += cross / Math.sqrt((el + tiny) * (er + tiny));
  }

  /** The verdict on everything accepted so far. */
  public StereoLayout layout() {
    double seconds = soundFrames * FRAME / (double) SpeakerEmbedder.SAMPLE_RATE;
    if (soundFrames == 0) {
      return new StereoLayout(StereoLayout.Kind.SILENT, -1, 0, 0, 0, 0);
    }
    double left = leftDominant / (double) soundFrames;
    double right = rightDominant / (double) soundFrames;
    double correlation = correlationSum / soundFrames;
    if (leftSound < SILENT_SHARE * rightSound || rightSound < SILENT_SHARE * leftSound) {
      int silent = leftSound < rightSound ? 0 : 1;
      return new StereoLayout(
          StereoLayout.Kind.ONE_CHANNEL_SILENT, silent, left, right, correlation, seconds);
    }
    StereoLayout.Kind kind =
        left >= MIN_DOMINANT_SHARE && right >= MIN_DOMINANT_SHARE
            ? StereoLayout.Kind.SEPARATE_SPEAKERS
            : StereoLayout.Kind.SAME_MIX;
    return new StereoLayout(kind, -1, left, right, correlation, seconds);
  }

  /** A check fed with two whole channels. */
  public static StereoCheck of(float[] left, float[] right) {
    StereoCheck check = new StereoCheck();
    check.accept(left, right);
    return check;
  }

  /**
   * The channel (0 left, 1 right) that carries more energy between two times (seconds from the
   * start of what was accepted): whose turn it is in a recording with one party per channel.
   */
  public int louderChannel(double startSeconds, double endSeconds) {
    double framesPerSecond = SpeakerEmbedder.SAMPLE_RATE / (double) FRAME;
    int from = Math.max(0, (int) Math.floor(startSeconds * framesPerSecond));
    int to = Math.min(frames, (int) Math.ceil(endSeconds * framesPerSecond));
    double el = 0;
    double er = 0;
    for (int f = from; f < to; f++) {
      el += leftEnergy[f];
      er += rightEnergy[f];
    }
    return el >= er ? 0 : 1;
  }
}
