package org.sentio.affect.speech;

import java.nio.file.Path;
import java.util.List;
import org.sentio.affect.train.ShippedModels;

/** The shipped English speech model and the shared speech data, for tests. */
public final class SpeechTestModels {
  public static final String RESTORE = "rebuild fusion-model to unpack it";

  private static SpeechRecognizer english;

  private SpeechTestModels() {}

  public static SpeechModels shipped() {
    return new SpeechModels(List.of(ShippedModels.root().resolve("resources/models")));
  }

  /** The English recogniser, loaded once for the test run (it takes a second or two). */
  public static synchronized SpeechRecognizer english() throws SpeechModelException {
    if (english == null) {
      english = SpeechRecognizer.open(shipped().forLanguage("en").orElseThrow(), RESTORE);
    }
    return english;
  }

  /** A RAVDESS clip by its path in {@code speech_ravdess_train/labels.csv}. */
  public static Path ravdess(String relative) {
    return Path.of(System.getProperty("sentio.shared.dir", "../../shared"))
        .resolve("data/speech_ravdess_train")
        .resolve(relative);
  }
}
