package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;

/**
 * Model manifests ({@code manifest.json} of an installed or imported model folder): any bytes
 * either give a manifest with name, file and sha256, or are refused with one {@link ModelException}
 * line; nothing else may escape.
 */
class ManifestFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("manifest");
  private static final ModelRegistry REGISTRY = new ModelRegistry(DIR, "restore it");

  @FuzzTest(maxDuration = "60s")
  void anyManifestReadsOrIsRefusedInOneLine(byte[] json) {
    Path folder = DIR.resolve("model");
    folder.toFile().mkdirs();
    FuzzFiles.write(folder.resolve("manifest.json"), json);
    try {
      InstalledModel model = REGISTRY.readManifest(folder);
      if (model.manifest().name() == null || model.modelFile() == null) {
        throw new AssertionError("a manifest without name or file was accepted");
      }
    } catch (ModelException e) {
      FuzzFiles.assertOneLine(e);
    }
  }
}
