package org.sentio.affect.train;

import java.nio.file.Path;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;

/** The models shipped in {@code resources/models}, opened on the CPU for tests. */
public final class ShippedModels {
  private static OnnxHost host;

  private ShippedModels() {}

  public static Path root() {
    String root = System.getProperty("sentio.root.dir");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  public static ModelRegistry registry() {
    return new ModelRegistry(root().resolve("resources/models"), "retrain with ./sentio train");
  }

  public static synchronized OnnxHost host() {
    if (host == null) {
      host = OnnxHost.start(DevicePreference.CPU, 1);
    }
    return host;
  }

  /** Opens the named shipped model, checked against its manifest. */
  public static ModelSession open(String name) throws ModelException {
    ModelRegistry registry = registry();
    return host().open(registry, registry.find(name));
  }
}
