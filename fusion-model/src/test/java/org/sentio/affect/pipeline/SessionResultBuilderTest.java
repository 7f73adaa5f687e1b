package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;

/** The one way to build a session: what is named is kept, what is left out is empty. */
class SessionResultBuilderTest {
  private static final Instant AT = Instant.parse("2026-12-03T02:00:00Z");
  private static final Utterance HELLO =
      new Utterance(
          0,
          1.5,
          "hello",
          AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, "not measured"));

  @Test
  void whatIsLeftOutIsEmptyAndATranscriptWithoutOriginCameFromAFile() {
    SessionResult empty = SessionResult.builder("call", AT, AnalysisOptions.DEFAULT).build();
    assertThat(empty.media()).isNull();
    assertThat(empty.windows()).isEmpty();
    assertThat(empty.transcript()).isEmpty();
    assertThat(empty.speakers()).isEmpty();
    assertThat(empty.speakerReadings()).isEmpty();
    assertThat(empty.expertLoad()).isNull();
    assertThat(empty.transcriptOrigin()).isNull();

    SessionResult typed =
        SessionResult.builder("call", AT, AnalysisOptions.DEFAULT)
            .transcript(List.of(HELLO))
            .build();
    assertThat(typed.transcriptOrigin()).isEqualTo(TranscriptOrigin.FILE);

    SessionResult none =
        SessionResult.builder("call", AT, AnalysisOptions.DEFAULT)
            .transcript(List.of(HELLO))
            .transcriptOrigin(null)
            .build();
    assertThat(none.transcriptOrigin()).as("an origin given as none stays none").isNull();
  }

  @Test
  void toBuilderKeepsEverythingAndChangesOnlyWhatIsSet() {
    SessionResult session =
        SessionResult.builder("call", AT, AnalysisOptions.DEFAULT)
            .durationSeconds(12.5)
            .fusionMethod("moe")
            .warnings(List.of("no face"))
            .transcript(List.of(HELLO))
            .transcriptOrigin(null)
            .speakers(List.of(new Speaker("S1", SpeakerRole.AGENT, 0, null)))
            .build();
    assertThat(session.toBuilder().build()).isEqualTo(session);

    SessionResult renamed = session.withSpeakers(List.of());
    assertThat(renamed.speakers()).isEmpty();
    assertThat(renamed.transcriptOrigin()).isNull();
    assertThat(renamed.toBuilder().speakers(session.speakers()).build()).isEqualTo(session);
  }
}
