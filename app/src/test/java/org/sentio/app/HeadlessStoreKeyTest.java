package org.sentio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.store.OpensStore;

/**
 * The store key on a machine without a usable keyring (ADR 0032), as a real user gets it: a child
 * JVM without {@code $SENTIO_KEY_DIR}, under {@link NoNetworkGuard}, opens a new store. With no
 * D-Bus session bus, and with a bus that is not a local socket ({@code tcp:}), the keyring is not
 * asked, no socket permission is asked, and the key lands, readable by this user only, in the
 * per-user configuration folder ({@code $XDG_CONFIG_HOME/sentio/keys}), not in the data folder.
 */
class HeadlessStoreKeyTest {
  @TempDir Path work;

  @Test
  void withoutASessionBusTheKeyIsAFileInTheConfigFolderAndNoSocketIsOpened() throws Exception {
    assertKeyFileAndNoSocket(null);
  }

  @Test
  void aSessionBusOverTcpIsNeverUsed() throws Exception {
    assertKeyFileAndNoSocket("tcp:host=192.0.2.1,port=55555");
  }

  private void assertKeyFileAndNoSocket(String bus) throws Exception {
    Path config = work.resolve("config");
    Path data = work.resolve("data");
    Path log = work.resolve("network.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Djava.security.manager=" + NoNetworkGuard.class.getName(),
                    "-Dsentio.test.network.log=" + log,
                    OpensStore.class.getName(),
                    data.toString()))
            .redirectErrorStream(true);
    builder.environment().remove("SENTIO_KEY_DIR");
    builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
    if (bus != null) {
      builder.environment().put("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    builder.environment().put("XDG_CONFIG_HOME", config.toString());
    Process p = builder.start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(log).as("socket use recorded by the guard").doesNotExist();

    Path keys = config.resolve("sentio").resolve("keys");
    List<Path> files;
    try (Stream<Path> listed = Files.list(keys)) {
      files = listed.toList();
    }
    assertThat(files).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".key"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rwx------");
    try (Stream<Path> inData = Files.walk(data)) {
      assertThat(inData.filter(f -> f.toString().endsWith(".key"))).isEmpty();
    }
  }
}
