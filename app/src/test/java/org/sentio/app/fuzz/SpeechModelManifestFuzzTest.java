package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sentio.affect.speech.InstalledSpeechModel;
import org.sentio.affect.speech.SpeechModelException;
import org.sentio.affect.speech.SpeechModels;

/**
 * The manifest of an installed speech model (read on every {@code sentio analyze} that looks for a
 * language's model, and by {@code sentio models list}): any bytes either list a model whose files
 * are then checked, or the folder is skipped; listing never throws, and checking refuses with one
 * {@link SpeechModelException} line.
 */
class SpeechModelManifestFuzzTest {
  private static final Path ROOT = FuzzFiles.scratch("speech-manifest");

  @FuzzTest(maxDuration = "60s")
  void anyInstalledManifestListsOrIsSkipped(byte[] json) {
    Path folder = ROOT.resolve("asr-xx-model");
    folder.toFile().mkdirs();
    FuzzFiles.write(folder.resolve("manifest.json"), json);
    FuzzFiles.write(folder.resolve("final.mdl"), new byte[] {1, 2, 3});
    List<InstalledSpeechModel> models = new SpeechModels(List.of(ROOT)).list();
    for (InstalledSpeechModel model : models) {
      if (model.language() == null || !Files.isDirectory(model.directory())) {
        throw new AssertionError("listed a model without language or folder: " + model);
      }
      try {
        SpeechModels.verify(model, "reinstall it with sentio models install");
      } catch (SpeechModelException e) {
        FuzzFiles.assertOneLine(e);
      }
    }
  }
}
