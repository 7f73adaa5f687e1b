package org.sentio.app.cli;

import java.nio.file.Path;
import org.sentio.app.DataDirectory;
import org.sentio.app.SentioHome;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import picocli.CommandLine.Option;

/** Options every command takes: where the data lives and which device runs the models. */
public final class CommonOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Folder of the session store (default: $SENTIO_DATA_DIR, else the per-user data folder,"
              + " e.g. ~/.local/share/sentio).")
  Path dataDir;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      defaultValue = "auto",
      description = "Where models run: auto (CUDA, then DirectML, then CPU), cuda, directml, cpu.")
  String device;

  public Path dataDirectory() {
    return DataDirectory.resolve(dataDir);
  }

  public DevicePreference devicePreference() throws UserError {
    try {
      return DevicePreference.parse(device);
    } catch (IllegalArgumentException e) {
      throw new UserError("--device: " + e.getMessage(), e);
    }
  }

  public SessionStore openStore() throws UserError {
    try {
      SessionStore store = SessionStore.open(dataDirectory());
      try {
        // A recording whose process died is marked failed before anything lists or reads it.
        org.sentio.app.live.InterruptedRecordings.settle(store);
      } catch (StoreException e) {
        store.close();
        throw e;
      }
      return store;
    } catch (StoreException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  public ModelRegistry registry() {
    return new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
  }
}
