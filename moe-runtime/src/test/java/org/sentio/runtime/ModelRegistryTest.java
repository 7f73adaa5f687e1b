package org.sentio.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  private static final String HINT = "reinstall Sentio";

  @TempDir Path models;

  @Test
  void listsInstalledModelsByName() throws Exception {
    TinyModels.affine(models.resolve("b"));
    Files.createDirectories(models.resolve("not-a-model"));
    ModelRegistry registry = new ModelRegistry(models, HINT);

    assertThat(registry.list()).extracting(InstalledModel::name).containsExactly("affine");
    assertThat(registry.find("affine").manifest().inputs().get(0).shape()).containsExactly(-1L, 3L);
  }

  @Test
  void verifiesAnUnchangedFile() throws Exception {
    InstalledModel model = TinyModels.affine(models.resolve("affine"));

    ModelVerification verification = new ModelRegistry(models, HINT).verify(model);

    assertThat(verification.ok()).isTrue();
    assertThat(verification.actualSha256()).isEqualTo(model.manifest().sha256());
  }

  @Test
  void refusesAFileWithOneByteChangedNamingTheFileAndTheMismatch() throws Exception {
    InstalledModel model = TinyModels.affine(models.resolve("affine"));
    flipLastByte(model.modelFile());
    ModelRegistry registry = new ModelRegistry(models, HINT);

    assertThat(registry.verify(model).status()).isEqualTo(ModelVerification.Status.CHANGED);
    assertThatThrownBy(() -> OnnxHost.start(DevicePreference.CPU, 1).open(registry, model))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(model.modelFile().toString())
        .hasMessageContaining("checksum mismatch")
        .hasMessageContaining(HINT);
  }

  @Test
  void namesAMissingFileAndHowToRestoreIt() throws Exception {
    InstalledModel model = TinyModels.affine(models.resolve("affine"));
    Files.delete(model.modelFile());

    ModelVerification verification = new ModelRegistry(models, HINT).verify(model);

    assertThat(verification.status()).isEqualTo(ModelVerification.Status.MISSING);
    assertThat(verification.message())
        .contains(model.modelFile().toString())
        .contains("missing")
        .contains(HINT);
  }

  @Test
  void refusesAnUnreadableManifest() throws Exception {
    Path folder = models.resolve("broken");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("manifest.json"), "{not json");

    assertThatThrownBy(() -> new ModelRegistry(models, HINT).list())
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("unreadable");
  }

  @Test
  void refusesAMissingModelsFolder() {
    assertThatThrownBy(() -> new ModelRegistry(models.resolve("nowhere"), HINT).list())
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("nowhere")
        .hasMessageContaining(HINT);
  }

  @Test
  void findNamesAModelThatIsNotInstalled() {
    assertThatThrownBy(() -> new ModelRegistry(models, HINT).find("face-expression"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("face-expression");
  }

  private static void flipLastByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(file, bytes);
  }
}
