package org.sentio.capture.media;

import java.io.IOException;
import java.nio.file.Path;

/** The container/codec fixtures the module is tested on, each {@link #SECONDS} long. */
enum Containers {
  MP4("clip.mp4", true, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"),
  MKV("clip.mkv", true, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "libvorbis"),
  WEBM_VP8(
      "clip-vp8.webm",
      true,
      "-c:v",
      "libvpx",
      "-deadline",
      "realtime",
      "-cpu-used",
      "8",
      "-c:a",
      "libvorbis"),
  WEBM_VP9(
      "clip-vp9.webm",
      true,
      "-c:v",
      "libvpx-vp9",
      "-deadline",
      "realtime",
      "-cpu-used",
      "8",
      "-c:a",
      "libopus"),
  MOV("clip.mov", true, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"),
  AVI("clip.avi", true, "-c:v", "mpeg4", "-c:a", "libmp3lame"),
  WAV("tone.wav", false, "-c:a", "pcm_s16le"),
  MP3("tone.mp3", false, "-c:a", "libmp3lame"),
  M4A("tone.m4a", false, "-c:a", "aac"),
  FLAC("tone.flac", false, "-ac", "2", "-c:a", "flac");

  static final double SECONDS = 2.0;

  final String fileName;
  final boolean video;
  private final String[] codecArgs;

  Containers(String fileName, boolean video, String... codecArgs) {
    this.fileName = fileName;
    this.video = video;
    this.codecArgs = codecArgs;
  }

  /** Makes the fixture in {@code dir} (once per directory). */
  Path make(Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve(fileName);
    return video
        ? Ffmpeg.testsrcWithSine(out, SECONDS, codecArgs)
        : Ffmpeg.sine(out, SECONDS, codecArgs);
  }
}
