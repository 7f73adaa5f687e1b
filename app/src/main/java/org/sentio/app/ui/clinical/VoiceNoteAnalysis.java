package org.sentio.app.ui.clinical;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.ui.Analyser;
import org.sentio.app.ui.I18n;
import org.sentio.capture.transcript.Transcript;
import org.sentio.capture.transcript.TranscriptException;
import org.sentio.capture.transcript.TranscriptReader;
import org.sentio.capture.transcript.TranscriptSegment;

/**
 * A patient's voice note read by the analysis pipeline (silero VAD, then the voice-affect model per
 * window) into a voice {@link DistressReading}, with the complaint text of its transcript when one
 * is given. The transcript is read first, so a transcript that does not parse stops everything
 * before any model runs.
 */
final class VoiceNoteAnalysis {

  /** What one voice note gave: its voice reading and the transcript's text (empty when none). */
  record Result(DistressReading voice, String transcriptText) {}

  private VoiceNoteAnalysis() {}

  /**
   * Analyses {@code audio} (any format FFmpeg reads) on the calling thread.
   *
   * @param source how the card names the note (its file name, or "recorded from …")
   * @param transcript an SRT, WebVTT or text file with the note's words, or null
   * @throws ClinicalException naming the file and the problem when either file cannot be read, or
   *     when cancelled
   */
  static Result analyse(
      Analyser analyser,
      AnalysisOptions options,
      I18n i18n,
      Path audio,
      String source,
      Path transcript,
      ProgressListener progress,
      BooleanSupplier cancelled)
      throws ClinicalException {
    String text = transcript == null ? "" : transcriptText(transcript, i18n);
    if (!Files.isRegularFile(audio) || !Files.isReadable(audio)) {
      throw new ClinicalException(
          i18n.get("clinical.voice.unreadable", audio, i18n.get("clinical.voice.noSuchFile")),
          null);
    }
    SessionResult result;
    try {
      result =
          analyser.analyse(
              new AnalysisRequest(audio, null, null, "voice note", options), progress, cancelled);
    } catch (AnalysisException e) {
      if (cancelled.getAsBoolean()) {
        throw new ClinicalException(i18n.get("clinical.voice.cancelled"), e);
      }
      throw new ClinicalException(
          e.isBadInput()
              ? i18n.get("clinical.voice.unreadable", audio, e.getMessage())
              : i18n.get("clinical.voice.failed", e.getMessage()),
          e);
    }
    List<org.sentio.affect.AffectEstimate> voice =
        result.windows().stream().map(w -> w.estimate(Modality.VOICE)).toList();
    return new Result(new DistressReading(Modality.VOICE, voice, source), text);
  }

  private static String transcriptText(Path file, I18n i18n) throws ClinicalException {
    Transcript t;
    try {
      t = TranscriptReader.read(file);
    } catch (TranscriptException e) {
      throw new ClinicalException(i18n.get("clinical.voice.badTranscript", e.getMessage()), e);
    }
    return t.segments().stream()
        .map(TranscriptSegment::text)
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.joining(" "));
  }
}
