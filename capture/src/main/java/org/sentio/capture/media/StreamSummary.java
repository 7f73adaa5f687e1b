package org.sentio.capture.media;

import java.util.Optional;

/**
 * How a {@link MediaSource#stream} run ended.
 *
 * @param videoFramesEmitted video frames handed to the listener
 * @param audioSecondsEmitted seconds of audio handed to the listener
 * @param decodedUntilSeconds media time up to which the file was decoded
 * @param cancelled whether the run stopped because the caller cancelled it
 * @param warning a one-line, user-facing note when decoding broke before the file's stated end
 * @param decodeSeconds time the streaming thread spent in FFmpeg: demuxing, decoding, resampling
 *     audio and converting the analysed pictures to BGR (not in the listener)
 */
public record StreamSummary(
    long videoFramesEmitted,
    double audioSecondsEmitted,
    double decodedUntilSeconds,
    boolean cancelled,
    Optional<String> warning,
    double decodeSeconds) {}
