package org.sentio.affect.cache;

/**
 * What decoding a media file found, independent of any model.
 *
 * @param decodedUntilSeconds the media time the decoder reached
 * @param warning why decoding stopped early, or {@code null} when it read everything
 */
public record StreamFacts(double decodedUntilSeconds, String warning) {}
