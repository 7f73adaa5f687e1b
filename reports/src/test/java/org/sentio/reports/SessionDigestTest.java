package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;

class SessionDigestTest {
  private final SessionDigest digest = SessionDigest.of(SampleSession.result());

  @Test
  void ranksFusedEmotionsByWindows() {
    assertThat(digest.dominantEmotion()).isEqualTo(Emotion.HAPPY);
    assertThat(digest.dominant())
        .extracting(SessionDigest.EmotionCount::emotion)
        .containsExactly(Emotion.HAPPY, Emotion.ANGRY, Emotion.NEUTRAL);
  }

  @Test
  void findsTheAngerPeakAtTwelveSeconds() {
    assertThat(digest.peaks()).hasSize(1);
    SessionDigest.Peak peak = digest.peaks().get(0);
    assertThat(peak.startSeconds()).isEqualTo(11.5);
    assertThat(peak.emotion()).isEqualTo(Emotion.ANGRY);
    assertThat(peak.score()).isGreaterThan(SessionDigest.PEAK_THRESHOLD);
  }

  @Test
  void countsPresenceAndAbsenceReasons() {
    assertThat(digest.presence().get(Modality.VOICE)).isEqualTo(39);
    assertThat(digest.absences().get(Modality.FACE)).containsEntry(AbsenceReason.NO_FACE, 10);
  }

  @Test
  void countsExpertChoicesWithTheirMeanWeight() {
    assertThat(digest.experts())
        .extracting(SessionDigest.ExpertUsage::expert)
        .containsExactly(0, 1, 2, 7);
    assertThat(digest.experts().get(3).windows()).isEqualTo(39);
    assertThat(digest.experts().get(3).meanWeight()).isCloseTo(0.4, within(1e-9));
    assertThat(SessionDigest.of(SampleSession.result(false)).experts()).isEmpty();
  }

  @Test
  void formatListsAreReadCaseInsensitively() {
    assertThat(Format.parseList("PDF, html", Format.reports()))
        .isEqualTo(EnumSet.of(Format.PDF, Format.HTML));
  }

  @Test
  void anUnknownFormatIsNamedWithTheAcceptedOnes() {
    assertThatThrownBy(() -> Format.parseList("csv,docx", Format.exports()))
        .hasMessage("unknown format 'docx': use csv, json, vtt, eaf");
    assertThatThrownBy(() -> Format.parseList("pdf", Format.exports()))
        .hasMessageContaining("unknown format 'pdf'");
  }

  @Test
  void languagesAreReadByTag() {
    assertThat(ReportLanguage.parse("zh_CN")).isEqualTo(ReportLanguage.ZH_CN);
    assertThatThrownBy(() -> ReportLanguage.parse("fr")).hasMessageContaining("use en or zh-CN");
  }

  @Test
  void reportFileNamesCarryTheLanguageOfNonEnglishReports() {
    var session = SampleSession.result();
    assertThat(Reports.fileName(3, session, Format.PDF, ReportLanguage.ZH_CN))
        .isEqualTo("refund-call-电话-3.zh-CN.pdf");
    assertThat(Reports.fileName(3, session, Format.CSV, ReportLanguage.ZH_CN))
        .isEqualTo("refund-call-电话-3.csv");
  }

  @Test
  void summarisesEachTrackedFaceOnItsOwn() {
    SessionResult result = SampleSession.result();
    SessionDigest digest = SessionDigest.of(result);

    assertThat(digest.persons())
        .extracting(SessionDigest.PersonSummary::track)
        .containsExactly(1, 4);
    SessionDigest.PersonSummary first = digest.persons().get(0);
    assertThat(first.windows()).isEqualTo(result.windows().size());
    assertThat(first.dominant()).isEqualTo(Emotion.HAPPY);
    assertThat(first.meanValence()).isCloseTo(0.8, within(1e-9));
    SessionDigest.PersonSummary second = digest.persons().get(1);
    assertThat(second.windows()).isEqualTo(3);
    assertThat(second.dominant()).isEqualTo(Emotion.ANGRY);
    assertThat(SessionDigest.of(SampleSession.textOnly()).persons()).isEmpty();
  }
}
