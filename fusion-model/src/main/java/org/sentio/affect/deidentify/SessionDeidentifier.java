package org.sentio.affect.deidentify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;

/**
 * A session result with what identifies people taken out of its text: the title and media path
 * replaced, each utterance's text redacted, the recognised words (which hold the same names with
 * their times) and the text before a person's correction dropped, the warnings (which name files)
 * dropped. The per-window readings, speakers' ids and times are kept: they are what the copy is
 * shared for.
 */
public final class SessionDeidentifier {
  private final TextRedactor redactor;

  public SessionDeidentifier(TextRedactor redactor) {
    this.redactor = redactor;
  }

  /**
   * One redacted span of one utterance, in the original text's characters; the text itself is never
   * kept.
   */
  public record TranscriptRedaction(int utterance, PiiKind kind, int start, int end) {}

  /**
   * The de-identified session and what was taken from its transcript.
   *
   * @param countByKind redacted spans per kind
   */
  public record Result(
      SessionResult session,
      List<TranscriptRedaction> redactions,
      Map<PiiKind, Integer> countByKind,
      int wordsDropped,
      int correctionsDropped,
      int warningsDropped) {}

  /**
   * @param title the title the copy gets
   * @param mediaFileName the de-identified media's file name beside the copy, or {@code null} when
   *     none is written
   */
  public Result deidentify(SessionResult session, String title, String mediaFileName) {
    List<Utterance> transcript = new ArrayList<>();
    List<TranscriptRedaction> redactions = new ArrayList<>();
    Map<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
    int words = 0;
    int corrections = 0;
    for (int i = 0; i < session.transcript().size(); i++) {
      Utterance u = session.transcript().get(i);
      RedactedText redacted = redactor.redact(u.text());
      for (Redaction r : redacted.redactions()) {
        redactions.add(new TranscriptRedaction(i, r.kind(), r.start(), r.end()));
        counts.merge(r.kind(), 1, Integer::sum);
      }
      words += u.words().size();
      corrections += u.corrected() ? 1 : 0;
      transcript.add(
          new Utterance(
              u.startSeconds(),
              u.endSeconds(),
              redacted.text(),
              u.affect(),
              u.speaker(),
              u.source(),
              u.confidence(),
              List.of(),
              null));
    }
    MediaSummary m = session.media();
    MediaSummary media =
        m == null
            ? null
            : new MediaSummary(
                mediaFileName == null ? "" : mediaFileName,
                m.format(),
                m.durationSeconds(),
                m.videoCodec(),
                m.width(),
                m.height(),
                m.frameRate(),
                m.audioCodec(),
                m.sampleRate());
    SessionResult copy =
        SessionResult.builder(title, session.createdAt(), session.options())
            .media(media)
            .durationSeconds(session.durationSeconds())
            .windows(session.windows())
            .transcript(transcript)
            .models(session.models())
            .fusionMethod(session.fusionMethod())
            .faceTracks(session.faceTracks())
            .expertLoad(session.expertLoad())
            .speakers(session.speakers())
            .transcriptOrigin(session.transcriptOrigin())
            .build();
    return new Result(copy, redactions, counts, words, corrections, session.warnings().size());
  }
}
