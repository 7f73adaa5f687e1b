package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class AnalyzeCommandTest {
  @Test
  void fileErrorsAreDescribedInWordsWithoutExceptionNames() {
    assertThat(OutputFolder.reason(new AccessDeniedException("/x"))).isEqualTo("permission denied");
    assertThat(OutputFolder.reason(new FileAlreadyExistsException("/x")))
        .isEqualTo("a file of that name is in the way");
    assertThat(OutputFolder.reason(new FileSystemException("/x/y", null, "Not a directory")))
        .isEqualTo("not a directory");
  }
}
