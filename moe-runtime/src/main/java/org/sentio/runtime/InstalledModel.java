package org.sentio.runtime;

import java.nio.file.Path;

/** A manifest and the folder it was read from. */
public record InstalledModel(ModelManifest manifest, Path directory) {

  public Path modelFile() {
    return directory.resolve(manifest.file());
  }

  public String name() {
    return manifest.name();
  }
}
