package org.sentio.affect.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Recognises one recording as its samples arrive, keeping each word with its times and confidence.
 * It owns the native recogniser; use it from one thread at a time and close it.
 */
public final class RecognitionStream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Recognizer recognizer;
  private final int sampleRate;
  private final List<RecognizedWord> words = new ArrayList<>();
  private short[] pcm = new short[0];
  private long samplesHeard;

  private RecognitionStream(Recognizer recognizer, int sampleRate) {
    this.recognizer = recognizer;
    this.sampleRate = sampleRate;
  }

  static RecognitionStream open(Model model, int sampleRate) throws SpeechModelException {
    Recognizer recognizer;
    try {
      recognizer = new Recognizer(model, sampleRate);
    } catch (IOException e) {
      throw new SpeechModelException("Vosk could not start a recogniser at " + sampleRate + " Hz");
    }
    recognizer.setWords(true);
    return new RecognitionStream(recognizer, sampleRate);
  }

  /** Feeds mono samples in [-1, 1]; words of finished stretches of speech are kept. */
  public void accept(float[] samples) {
    if (pcm.length < samples.length) {
      pcm = new short[samples.length];
    }
    for (int i = 0; i < samples.length; i++) {
      float s = Math.max(-1f, Math.min(1f, samples[i]));
      pcm[i] = (short) Math.round(s * Short.MAX_VALUE);
    }
    samplesHeard += samples.length;
    if (recognizer.acceptWaveForm(pcm, samples.length)) {
      collect(recognizer.getResult());
    }
  }

  /** Ends the stream and returns every word heard, in time order. */
  public List<RecognizedWord> finish() {
    collect(recognizer.getFinalResult());
    return List.copyOf(words);
  }

  /**
   * The words kept after the first {@code count}, in time order: lets a caller follow the words as
   * stretches of speech finish, without waiting for {@link #finish()}.
   */
  public List<RecognizedWord> wordsAfter(int count) {
    return count >= words.size() ? List.of() : List.copyOf(words.subList(count, words.size()));
  }

  /** Seconds of audio fed so far. */
  public double secondsHeard() {
    return (double) samplesHeard / sampleRate;
  }

  private void collect(String resultJson) {
    JsonNode result;
    try {
      result = JSON.readTree(resultJson);
    } catch (IOException e) {
      throw new IllegalStateException("Vosk returned unreadable JSON: " + resultJson, e);
    }
    for (JsonNode word : result.path("result")) {
      words.add(
          new RecognizedWord(
              word.path("word").asText(),
              word.path("start").asDouble(),
              word.path("end").asDouble(),
              word.path("conf").asDouble()));
    }
  }

  @Override
  public void close() {
    recognizer.close();
  }
}
