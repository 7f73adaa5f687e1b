package org.sentio.affect.pipeline;

import org.sentio.affect.AffectEstimate;

/**
 * What one tracked face showed in one window: one person's own reading, beside the window's face
 * estimate (which follows the best-quality face of each frame).
 *
 * @param trackId the face track's id, stable across the session's frames
 * @param windowIndex the window
 * @param estimate the face reading of this track in this window (always present)
 */
public record TrackReading(int trackId, int windowIndex, AffectEstimate estimate) {}
