package org.sentio.affect.pipeline;

/**
 * The media a session was analysed from.
 *
 * @param path the file as the user gave it
 * @param format container format
 * @param durationSeconds probed duration
 * @param videoCodec codec of the video stream, or {@code null} when there is none
 * @param width frame width in pixels, 0 without video
 * @param height frame height in pixels, 0 without video
 * @param frameRate frames per second of the source, 0 without video
 * @param audioCodec codec of the audio stream, or {@code null} when there is none
 * @param sampleRate source sample rate, 0 without audio
 */
public record MediaSummary(
    String path,
    String format,
    double durationSeconds,
    String videoCodec,
    int width,
    int height,
    double frameRate,
    String audioCodec,
    int sampleRate) {

  public boolean hasVideo() {
    return videoCodec != null;
  }

  public boolean hasAudio() {
    return audioCodec != null;
  }
}
