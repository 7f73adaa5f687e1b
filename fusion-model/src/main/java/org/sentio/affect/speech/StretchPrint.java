package org.sentio.affect.speech;

/**
 * The voice print (x-vector) libvosk computed over one recognised stretch of speech: the audio
 * between two endpoints, over the frames it decoded as speech.
 *
 * @param startSeconds the start of the stretch's first word, seconds from the start of the stream
 * @param endSeconds the end of its last word
 * @param vector {@link VoicePrintModel#DIMENSION} floats, as libvosk gives them (not unit length)
 * @param frames the 10 ms frames the x-vector network saw
 */
public record StretchPrint(double startSeconds, double endSeconds, float[] vector, int frames) {
  public StretchPrint {
    vector = vector.clone();
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }
}
