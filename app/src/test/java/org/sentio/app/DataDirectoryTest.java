package org.sentio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
  private static final Path HOME = Path.of("/home/ana");

  @Test
  void anExplicitFolderWins() {
    assertThat(
            DataDirectory.resolve(
                Path.of("/data/x"), Map.of("SENTIO_DATA_DIR", "/env"), "Linux", HOME))
        .isEqualTo(Path.of("/data/x"));
  }

  @Test
  void theEnvironmentVariableComesNext() {
    assertThat(DataDirectory.resolve(null, Map.of("SENTIO_DATA_DIR", "/env/sentio"), "Linux", HOME))
        .isEqualTo(Path.of("/env/sentio"));
  }

  @Test
  void linuxUsesXdgDataHomeOrTheDefault() {
    assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME))
        .isEqualTo(Path.of("/xdg/sentio"));
    assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "relative"), "Linux", HOME))
        .as("XDG says a relative path is invalid and is ignored")
        .isEqualTo(Path.of("/home/ana/.local/share/sentio"));
    assertThat(DataDirectory.resolve(null, Map.of(), "Linux", HOME))
        .isEqualTo(Path.of("/home/ana/.local/share/sentio"));
  }

  @Test
  void windowsUsesAppDataAndMacUsesApplicationSupport() {
    assertThat(DataDirectory.resolve(null, Map.of("APPDATA", "/appdata"), "Windows 11", HOME))
        .isEqualTo(Path.of("/appdata/Sentio"));
    assertThat(DataDirectory.resolve(null, Map.of(), "Mac OS X", HOME))
        .isEqualTo(Path.of("/home/ana/Library/Application Support/Sentio"));
  }
}
