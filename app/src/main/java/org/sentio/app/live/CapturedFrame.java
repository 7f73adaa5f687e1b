package org.sentio.app.live;

/**
 * One captured picture, converted once on the capture thread and shared read-only afterwards.
 *
 * @param captureNanos {@link System#nanoTime()} when it was grabbed
 * @param seconds media time since the capture started
 * @param width pixels per row
 * @param height rows
 * @param bgr packed BGR24 pixels (for analysis and recording)
 * @param argb the same pixels as opaque ARGB (for the screen)
 */
public record CapturedFrame(
    long captureNanos, double seconds, int width, int height, byte[] bgr, int[] argb) {}
