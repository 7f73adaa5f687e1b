package org.sentio.capture.media;

/**
 * Receives what {@link MediaSource#stream} decodes, on the calling thread, in stream order. Both
 * methods do nothing unless overridden.
 */
public interface MediaListener {

  /** A video frame picked at the analysis rate. */
  default void onVideoFrame(VideoFrame frame) {}

  /** The next block of resampled mono audio. */
  default void onAudio(AudioBlock block) {}
}
