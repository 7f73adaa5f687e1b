package org.sentio.affect.speech.speaker;

import java.util.Locale;

/**
 * What a two-channel recording's channels hold, as {@link StereoCheck} found it.
 *
 * @param kind the verdict
 * @param silentChannel for {@link Kind#ONE_CHANNEL_SILENT}, the silent channel (0 left, 1 right);
 *     otherwise -1
 * @param leftDominant the share of speech frames where the left channel is at least 6 dB louder
 * @param rightDominant the share of speech frames where the right channel is at least 6 dB louder
 * @param correlation the mean zero-lag correlation of the channels over speech frames
 * @param speechSeconds the time either channel held sound above the speech floor
 */
public record StereoLayout(
    Kind kind,
    int silentChannel,
    double leftDominant,
    double rightDominant,
    double correlation,
    double speechSeconds) {

  /** The verdicts. */
  public enum Kind {
    /** Each channel carries its own party (the usual call-centre recording): analyse apart. */
    SEPARATE_SPEAKERS,
    /** Both channels carry the same mix (duplicated mono or a mixed stereo): analyse as one. */
    SAME_MIX,
    /** One channel holds no speech: analyse the other alone, and say so. */
    ONE_CHANNEL_SILENT,
    /** Neither channel holds sound above the speech floor. */
    SILENT
  }

  /** One line for a person: the verdict and the evidence. */
  public String describe() {
    String evidence =
        String.format(
            Locale.ROOT,
            "left louder in %.0f %%, right louder in %.0f %% of %.1f s of sound; correlation %.2f",
            100 * leftDominant,
            100 * rightDominant,
            speechSeconds,
            correlation);
    return switch (kind) {
      case SEPARATE_SPEAKERS -> "stereo with one speaker per channel (" + evidence + ")";
      case SAME_MIX -> "stereo with the same mix on both channels (" + evidence + ")";
      case ONE_CHANNEL_SILENT ->
          (silentChannel == 0 ? "the left" : "the right")
              + " channel is silent; the other is analysed alone";
      case SILENT -> "both channels are silent";
    };
  }
}
