package org.sentio.affect.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Recognises one recording as its samples arrive, keeping each word with its times and confidence,
 * and, when opened with a {@link VoicePrintModel}, the voice print of each recognised stretch (ADR
 * 0052). It owns the native recogniser; use it from one thread at a time and close it.
 */
public final class RecognitionStream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Recognizer recognizer;
  private final int sampleRate;
  private final List<RecognizedWord> words = new ArrayList<>();
  private final List<StretchPrint> prints = new ArrayList<>();
  private short[] pcm = new short[0];
  private long samplesHeard;

  private RecognitionStream(Recognizer recognizer, int sampleRate) {
    this.recognizer = recognizer;
    this.sampleRate = sampleRate;
  }

  /**
   * @param voicePrints the x-vector model to print each stretch with, or {@code null} for words
   *     only
   */
  static RecognitionStream open(Model model, int sampleRate, VoicePrintModel voicePrints)
      throws SpeechModelException {
    Recognizer recognizer;
    try {
      recognizer =
          voicePrints == null
              ? new Recognizer(model, sampleRate)
              : new Recognizer(model, sampleRate, voicePrints.nativeModel());
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

  /**
   * The voice prints of the stretches finished after the first {@code count}, in time order; none
   * when the stream was opened without a {@link VoicePrintModel}. A stretch with no words, or too
   * little speech for libvosk to print, has none.
   */
  public List<StretchPrint> stretchPrintsAfter(int count) {
    return count >= prints.size() ? List.of() : List.copyOf(prints.subList(count, prints.size()));
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
    JsonNode stretchWords = result.path("result");
    for (JsonNode word : stretchWords) {
      words.add(
          new RecognizedWord(
              word.path("word").asText(),
              word.path("start").asDouble(),
              word.path("end").asDouble(),
              word.path("conf").asDouble()));
    }
    JsonNode spk = result.get("spk");
    if (spk != null && spk.isArray() && !stretchWords.isEmpty()) {
      if (spk.size() != VoicePrintModel.DIMENSION) {
        throw new IllegalStateException(
            "the speaker model gave " + spk.size() + " floats, not " + VoicePrintModel.DIMENSION);
      }
      float[] vector = new float[spk.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = (float) spk.get(i).asDouble();
      }
      prints.add(
          new StretchPrint(
              stretchWords.get(0).path("start").asDouble(),
              stretchWords.get(stretchWords.size() - 1).path("end").asDouble(),
              vector,
              result.path("spk_frames").asInt(1)));
    }
  }

  @Override
  public void close() {
    recognizer.close();
  }
}
