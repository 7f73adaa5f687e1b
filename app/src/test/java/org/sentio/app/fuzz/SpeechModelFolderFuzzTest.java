package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sentio.affect.speech.InstalledSpeechModel;
import org.sentio.affect.speech.SpeechModelException;
import org.sentio.affect.speech.SpeechModelInstaller;

/**
 * {@code sentio models install DIR --lang LANG}: a folder made from the input (which of a Vosk
 * model's files exist, and their bytes) and a language code is either installed or refused with one
 * {@link SpeechModelException} line, and a refused install leaves nothing in the models area.
 */
class SpeechModelFolderFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("model-folder");
  private static final List<String> LAYOUT =
      List.of(
          "am/final.mdl",
          "conf/mfcc.conf",
          "conf/model.conf",
          "graph/HCLG.fst",
          "graph/words.txt",
          "graph/phones/word_boundary.int",
          "ivector/final.ie",
          "README");

  @FuzzTest(maxDuration = "60s")
  void anyModelFolderInstallsOrIsRefusedInOneLine(FuzzedDataProvider data) {
    Path source = DIR.resolve("vosk-model");
    Path root = DIR.resolve("models");
    clear(source);
    clear(root);
    String language = data.consumeString(6);
    try {
      Files.createDirectories(source);
      for (String file : LAYOUT) {
        if (data.consumeBoolean()) {
          Path path = source.resolve(file);
          Files.createDirectories(path.getParent());
          Files.write(path, data.consumeBytes(data.consumeInt(0, 4096)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      InstalledSpeechModel installed = SpeechModelInstaller.install(source, language, null, root);
      if (installed.manifest().files().isEmpty()) {
        throw new AssertionError("installed a model with no files: " + installed.directory());
      }
    } catch (SpeechModelException e) {
      FuzzFiles.assertOneLine(e);
      if (Files.exists(root) && list(root) > 0) {
        throw new AssertionError("a refused install left something in " + root, e);
      }
    }
  }

  private static long list(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void clear(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
