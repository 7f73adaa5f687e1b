package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyzeCommandTest {
  @ParameterizedTest
  @CsvSource({
    "Demo call,demo-call",
    "call 2026-11-29.mp4,call-2026-11-29-mp4",
    "客户投诉 #3,客户投诉-3",
    "'  ***  ',session"
  })
  void resultFileNamesAreSafeSlugsOfTheTitle(String title, String slug) {
    assertThat(AnalyzeCommand.slug(title)).isEqualTo(slug);
  }

  @Test
  void fileErrorsAreDescribedInWordsWithoutExceptionNames() {
    assertThat(AnalyzeCommand.reason(new AccessDeniedException("/x")))
        .isEqualTo("permission denied");
    assertThat(AnalyzeCommand.reason(new FileAlreadyExistsException("/x")))
        .isEqualTo("a file of that name is in the way");
    assertThat(AnalyzeCommand.reason(new FileSystemException("/x/y", null, "Not a directory")))
        .isEqualTo("not a directory");
  }
}
