package org.sentio.app.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.sentio.capture.transcript.Transcript;
import org.sentio.capture.transcript.TranscriptException;
import org.sentio.capture.transcript.TranscriptReader;

/**
 * SRT, WebVTT and plain-text transcripts: any bytes under any of the three extensions either read
 * or are refused with one {@link TranscriptException} line; nothing else may escape.
 */
class TranscriptFuzzTest {
  private static final Path DIR = FuzzFiles.scratch("transcript");
  private static final String[] EXTENSIONS = {".srt", ".vtt", ".txt"};

  @FuzzTest(maxDuration = "60s")
  void anyFileReadsOrIsRefusedInOneLine(FuzzedDataProvider data) {
    String extension = data.pickValue(EXTENSIONS);
    Path file = FuzzFiles.write(DIR.resolve("t" + extension), data.consumeRemainingAsBytes());
    try {
      Transcript transcript = TranscriptReader.read(file);
      if (transcript.isEmpty()) {
        throw new AssertionError("an empty transcript was accepted");
      }
    } catch (TranscriptException e) {
      FuzzFiles.assertOneLine(e);
    }
  }
}
