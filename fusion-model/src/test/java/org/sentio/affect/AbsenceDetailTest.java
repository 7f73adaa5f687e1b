package org.sentio.affect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every detail the analysis writes is read back to its code and numbers, so a display can show it
 * in its own language; a text outside the catalog is not mistaken for one of it.
 */
class AbsenceDetailTest {
  @Test
  void everyWrittenDetailIsReadBackToItsCodeAndNumbers() {
    for (AbsenceDetail code : AbsenceDetail.values()) {
      Object first = code == AbsenceDetail.LINKED_FACE_NOT_SEEN ? (Object) 3 : (Object) 12.4;
      String written = code.text(first, -52.0);
      AbsenceDetail.Match match = AbsenceDetail.parse(written).orElseThrow();
      assertThat(match.code()).as(written).isEqualTo(code);
      assertThat(match.numbers())
          .as(written)
          .isEqualTo(
              switch (code) {
                case TOO_LITTLE_SPEECH, NOT_VOICED_LOUDNESS -> List.of("12", "-52");
                case NOT_VOICED, TOO_QUIET -> List.of("12");
                case LINKED_FACE_NOT_SEEN -> List.of("3");
                default -> List.of();
              });
    }
  }

  @Test
  void theStoredWordingsOfEarlierSessionsAreRead() {
    assertThat(AbsenceDetail.parse("no video stream").orElseThrow().code())
        .isEqualTo(AbsenceDetail.NO_VIDEO_STREAM);
    assertThat(AbsenceDetail.parse("no video").orElseThrow().code())
        .isEqualTo(AbsenceDetail.NO_VIDEO);
    assertThat(AbsenceDetail.parse("too quiet (-61 dBFS)").orElseThrow().numbers())
        .containsExactly("-61");
    assertThat(AbsenceDetail.parse("speech in 0% of the window, below 30%").orElseThrow().code())
        .isEqualTo(AbsenceDetail.TOO_LITTLE_SPEECH);
  }

  @Test
  void textOutsideTheCatalogIsNotMatched() {
    assertThat(AbsenceDetail.parse(null)).isEmpty();
    assertThat(AbsenceDetail.parse("no audio decoded")).isEmpty();
    assertThat(AbsenceDetail.parse("no video stream at all")).isEmpty();
    assertThat(AbsenceDetail.parse("too quiet (loud dBFS)")).isEmpty();
  }
}
