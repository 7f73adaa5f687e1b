package org.sentio.capture.media;

import java.nio.file.Path;

/**
 * What a media file holds, as FFmpeg's demuxer reports it. Video fields are {@code null} or 0 when
 * {@code hasVideo} is false, audio fields likewise.
 *
 * @param path the file
 * @param durationSeconds the container's duration, or {@code NaN} when it does not say
 * @param formatName FFmpeg's name of the container format (e.g. {@code "mov,mp4,m4a,3gp,3g2,mj2"})
 * @param hasVideo whether there is a video stream
 * @param hasAudio whether there is an audio stream
 * @param videoCodec FFmpeg's codec name (e.g. {@code "h264"}), or null
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param frameRate average frames per second, 0 when unknown
 * @param audioCodec FFmpeg's codec name (e.g. {@code "aac"}), or null
 * @param sampleRate the audio stream's own sample rate in Hz
 * @param channels the audio stream's channel count
 */
public record MediaInfo(
    Path path,
    double durationSeconds,
    String formatName,
    boolean hasVideo,
    boolean hasAudio,
    String videoCodec,
    int width,
    int height,
    double frameRate,
    String audioCodec,
    int sampleRate,
    int channels) {}
