package org.sentio.reports;

import org.sentio.affect.Emotion;

/**
 * One WebVTT emotion cue: a run of consecutive windows whose fused reading had the same most likely
 * emotion.
 *
 * @param startSeconds the cue's start (the first window's start)
 * @param endSeconds the cue's end (where the next window begins, or the last window's end)
 * @param emotion the fused most likely emotion throughout the cue
 * @param probability that emotion's mean fused probability over the cue's windows
 * @param valence mean fused valence over the cue, NaN when not told
 * @param arousal mean fused arousal over the cue, NaN when not told
 */
public record EmotionCue(
    double startSeconds,
    double endSeconds,
    Emotion emotion,
    double probability,
    double valence,
    double arousal) {}
