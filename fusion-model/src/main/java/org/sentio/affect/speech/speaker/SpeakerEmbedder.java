package org.sentio.affect.speech.speaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sentio.affect.speech.SpeechRecognizer;
import org.sentio.affect.speech.VoicePrintModel;
import org.sentio.runtime.ModelException;
import org.vosk.LibVosk;
import org.vosk.Model;
import org.vosk.Recognizer;
import org.vosk.SpeakerModel;

/**
 * Turns a speech segment (16 kHz mono) into a 128-float x-vector with the {@code speaker-xvector}
 * model, run by libvosk. libvosk computes the vector only over the frames that its speech
 * recogniser decodes as non-silence, so an acoustic model (a Vosk ASR model folder) is opened
 * alongside; the words it recognises are not used here.
 *
 * <p>Owns three native objects (acoustic model, speaker model, and one recogniser reused from
 * segment to segment) and frees them in {@link #close()}. Not thread-safe: one embedder per thread.
 */
public final class SpeakerEmbedder implements AutoCloseable {
  /** The model's folder name under {@code resources/models}. */
  public static final String MODEL = "speaker-xvector";

  /** The sample rate segments are given in. */
  public static final int SAMPLE_RATE = 16_000;

  /** Floats in one x-vector. */
  public static final int DIMENSION = VoicePrintModel.DIMENSION;

  /** Samples fed to the recogniser per call (0.25 s). */
  private static final int CHUNK = SAMPLE_RATE / 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Model acoustic;
  private final SpeakerModel speaker;
  private final Path asrModelDirectory;
  private Recognizer reusable;
  private boolean closed;

  private SpeakerEmbedder(Model acoustic, SpeakerModel speaker, Path asrModelDirectory) {
    this.acoustic = acoustic;
    this.speaker = speaker;
    this.asrModelDirectory = asrModelDirectory;
  }

  /**
   * Opens the speaker model in {@code speakerModelDirectory} (after checking every file against its
   * manifest) with the Vosk acoustic model in {@code asrModelDirectory}.
   *
   * @throws ModelException one line naming the folder or file and what to do
   */
  public static SpeakerEmbedder open(Path speakerModelDirectory, Path asrModelDirectory)
      throws ModelException {
    verifyFiles(speakerModelDirectory);
    requireVoskModelFolder(asrModelDirectory);
    // Kaldi's warnings about the x-vector graph ("Node … is never used") are not for users.
    LibVosk.vosk_set_log_level(SpeechRecognizer.NATIVE_LOG_SILENT);
    Model acoustic = null;
    SpeakerModel speaker = null;
    try {
      acoustic = load(asrModelDirectory, "a Vosk speech model");
      speaker = loadSpeaker(speakerModelDirectory);
      SpeakerEmbedder embedder = new SpeakerEmbedder(acoustic, speaker, asrModelDirectory);
      embedder.newRecognizer().close(); // fail here, not on the first segment
      return embedder;
    } catch (ModelException | RuntimeException e) {
      if (speaker != null) {
        speaker.close();
      }
      if (acoustic != null) {
        acoustic.close();
      }
      throw e;
    }
  }

  /**
   * The x-vector of one speech segment, or empty when the recogniser found too little speech in it
   * (libvosk needs at least 10 non-silence frames).
   *
   * @param samples mono 16 kHz samples in [-1, 1]
   */
  public Optional<SpeakerEmbedding> embed(float[] samples) throws ModelException {
    if (closed) {
      throw new IllegalStateException("the speaker embedder is closed");
    }
    // One recogniser serves every segment (building one per segment was most of the prints' CPU:
    // each new recogniser starts with an empty cache of the lazily composed decoding graph).
    // libvosk starts a fresh feature pipeline, adaptation and x-vector features for the next
    // input only after a final result; reset() does not (it only ends the stretch), which is
    // what made reused prints depend on the segments before (ADR 0007). A segment whose last
    // chunk ended a stretch leaves no final result to take, so its recogniser is not kept.
    Recognizer recognizer = reusable != null ? reusable : newRecognizer();
    reusable = null;
    boolean keep = false;
    try {
      Accumulator sum = new Accumulator();
      short[] chunk = new short[CHUNK];
      boolean endpointAtEnd = false;
      for (int from = 0; from < samples.length; from += CHUNK) {
        int n = Math.min(CHUNK, samples.length - from);
        for (int i = 0; i < n; i++) {
          float s = samples[from + i];
          chunk[i] = (short) Math.round(Math.max(-1f, Math.min(1f, s)) * Short.MAX_VALUE);
        }
        endpointAtEnd = recognizer.acceptWaveForm(chunk, n);
        if (endpointAtEnd) {
          // An endpoint inside the segment: this part's vector comes with the partial result.
          sum.add(recognizer.getResult());
        }
      }
      sum.add(recognizer.getFinalResult());
      keep = !endpointAtEnd;
      return sum.embedding();
    } finally {
      if (keep) {
        reusable = recognizer;
      } else {
        recognizer.close();
      }
    }
  }

  private Recognizer newRecognizer() throws ModelException {
    Recognizer recognizer = new Recognizer(acoustic, SAMPLE_RATE, speaker);
    if (recognizer.getPointer() == null) {
      throw new ModelException(
          asrModelDirectory
              + ": libvosk could not build a recogniser from this model and the speaker model;"
              + " reinstall both models");
    }
    return recognizer;
  }

  /** Averages the vectors of the results of one segment, weighted by their frame counts. */
  private static final class Accumulator {
    private final double[] weighted = new double[DIMENSION];
    private int frames;

    void add(String resultJson) throws ModelException {
      JsonNode result;
      try {
        result = JSON.readTree(resultJson);
      } catch (IOException e) {
        throw new ModelException("libvosk returned a result that is not JSON: " + resultJson, e);
      }
      JsonNode spk = result.get("spk");
      if (spk == null || !spk.isArray()) {
        return;
      }
      if (spk.size() != DIMENSION) {
        throw new ModelException(
            "the speaker model gave " + spk.size() + " floats, not " + DIMENSION);
      }
      int n = result.path("spk_frames").asInt(1);
      for (int i = 0; i < DIMENSION; i++) {
        weighted[i] += n * spk.get(i).asDouble();
      }
      frames += n;
    }

    Optional<SpeakerEmbedding> embedding() {
      if (frames == 0) {
        return Optional.empty();
      }
      float[] v = new float[DIMENSION];
      for (int i = 0; i < DIMENSION; i++) {
        v[i] = (float) (weighted[i] / frames);
      }
      return Optional.of(new SpeakerEmbedding(v, frames));
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (reusable != null) {
      reusable.close();
    }
    speaker.close();
    acoustic.close();
  }

  /**
   * What the speaker model in {@code directory} is, from its manifest: for the list of models a
   * session used.
   *
   * @param sha256 the sha256 of the main file (the x-vector network)
   */
  public record Identity(String name, String version, String sha256) {}

  /** The identity of the speaker model in {@code directory}, as its manifest states it. */
  public static Identity identity(Path directory) throws ModelException {
    Path manifestFile = directory.resolve("manifest.json");
    try {
      JsonNode manifest = JSON.readTree(manifestFile.toFile());
      return new Identity(
          manifest.path("name").asText(MODEL),
          manifest.path("version").asText(""),
          manifest.path("sha256").asText(""));
    } catch (IOException e) {
      throw new ModelException(
          manifestFile + ": unreadable model manifest; reinstall Sentio to restore " + MODEL, e);
    }
  }

  /** Checks every file the manifest lists against its sha256 (see {@link VoicePrintModel}). */
  static void verifyFiles(Path directory) throws ModelException {
    VoicePrintModel.verifyFiles(directory, "reinstall Sentio to restore " + MODEL);
  }

  /** A Vosk model folder holds {@code am/final.mdl} and {@code conf/}: say so before libvosk. */
  private static void requireVoskModelFolder(Path directory) throws ModelException {
    if (!Files.isDirectory(directory)) {
      throw new ModelException(directory + ": no such folder; give a Vosk speech model folder");
    }
    if (!Files.isRegularFile(directory.resolve("am/final.mdl"))
        || !Files.isDirectory(directory.resolve("conf"))) {
      throw new ModelException(
          directory
              + ": not a Vosk speech model (no am/final.mdl or conf/); give the folder that"
              + " holds am/, conf/ and graph/");
    }
  }

  private static Model load(Path directory, String what) throws ModelException {
    try {
      return new Model(directory.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new ModelException(
          directory + ": libvosk could not load it as " + what + "; reinstall the model", e);
    }
  }

  private static SpeakerModel loadSpeaker(Path directory) throws ModelException {
    try {
      return new SpeakerModel(directory.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new ModelException(
          directory + ": libvosk could not load the speaker model; reinstall Sentio", e);
    }
  }
}
