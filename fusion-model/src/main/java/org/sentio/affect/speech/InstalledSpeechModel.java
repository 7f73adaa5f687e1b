package org.sentio.affect.speech;

import java.nio.file.Path;

/** A speech model's manifest and the folder it was read from. */
public record InstalledSpeechModel(SpeechModelManifest manifest, Path directory) {

  /** The Kaldi model folder that Vosk loads. */
  public Path modelPath() {
    return manifest.modelPath(directory);
  }

  public String name() {
    return manifest.name();
  }

  public String language() {
    return manifest.language();
  }
}
