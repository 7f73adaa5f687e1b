package org.sentio.capture.media;

/**
 * A run of decoded audio, mono, at the capture's sample rate.
 *
 * @param timestampSeconds time of the first sample, seconds from the file's start
 * @param samples mono samples in [-1, 1]; a private copy
 */
public record AudioBlock(double timestampSeconds, float[] samples) {}
