package org.sentio.affect.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vosk.LibVosk;
import org.vosk.Model;

/**
 * A loaded Vosk model (about 240 MB resident for the small English one). It owns the native model;
 * each recording gets its own {@link RecognitionStream}, which may run on any thread. Close the
 * streams before the recogniser.
 */
public final class SpeechRecognizer implements AutoCloseable {
  /**
   * Kaldi's own log level below its errors: nothing is printed by the native library. Its warnings
   * are not for users, and every error it meets surfaces as a failed load, which this class reports
   * in one line naming the folder.
   */
  public static final int NATIVE_LOG_SILENT = -3;

  private static volatile boolean nativeLogQuiet;

  private final InstalledSpeechModel installed;
  private final Model model;

  private SpeechRecognizer(InstalledSpeechModel installed, Model model) {
    this.installed = installed;
    this.model = model;
  }

  /**
   * Checks the model's files against its manifest, then loads it.
   *
   * @param restoreHint what a user does when the model is missing or altered
   * @throws SpeechModelException naming the file or folder and what is wrong
   */
  public static SpeechRecognizer open(InstalledSpeechModel installed, String restoreHint)
      throws SpeechModelException {
    SpeechModels.verify(installed, restoreHint);
    return new SpeechRecognizer(installed, load(installed.modelPath()));
  }

  /**
   * Loads a Vosk model folder as it is, without a manifest (to check a folder before installing
   * it). The caller closes the model.
   *
   * @throws SpeechModelException when the folder is not a Vosk model Vosk can load
   */
  static Model load(Path folder) throws SpeechModelException {
    if (!Files.isDirectory(folder)) {
      throw new SpeechModelException(folder + ": no such folder; give a Vosk model folder");
    }
    if (!Files.isRegularFile(folder.resolve("am").resolve("final.mdl"))
        || !Files.isDirectory(folder.resolve("conf"))) {
      throw new SpeechModelException(
          folder
              + ": not a Vosk model folder (am/final.mdl and conf/ are missing); give the folder"
              + " unpacked from a Vosk model download, e.g. vosk-model-small-cn-0.22");
    }
    quietNativeLog();
    try {
      return new Model(folder.toString());
    } catch (IOException e) {
      throw new SpeechModelException(
          folder + ": Vosk could not load this model folder; it is incomplete or not a Vosk model",
          e);
    }
  }

  private static void quietNativeLog() throws SpeechModelException {
    if (nativeLogQuiet) {
      return;
    }
    try {
      LibVosk.vosk_set_log_level(NATIVE_LOG_SILENT);
      nativeLogQuiet = true;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new SpeechModelException(
          "the Vosk speech recognition library cannot load on this system ("
              + e.getMessage()
              + "); speech recognition needs Linux x64, Windows x64 or macOS",
          e);
    }
  }

  /** A recognition stream for one recording at {@code sampleRate} Hz mono. */
  public RecognitionStream newStream(int sampleRate) throws SpeechModelException {
    return RecognitionStream.open(model, sampleRate, null);
  }

  /**
   * A recognition stream that also gives the voice print of each stretch it recognises, from the
   * same decoding (ADR 0052). Close the stream before {@code voicePrints}.
   */
  public RecognitionStream newStream(int sampleRate, VoicePrintModel voicePrints)
      throws SpeechModelException {
    return RecognitionStream.open(model, sampleRate, voicePrints);
  }

  public InstalledSpeechModel model() {
    return installed;
  }

  @Override
  public void close() {
    model.close();
  }
}
