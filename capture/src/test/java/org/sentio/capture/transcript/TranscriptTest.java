package org.sentio.capture.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sentio.capture.TimeSpan;

class TranscriptTest {

  @Test
  void ofTextMakesOneUntimedUtterancePerNonBlankLine() {
    Transcript t = Transcript.ofText("I waited two hours.\r\n\n   \nNobody called back.  ");

    assertThat(t.timed()).isFalse();
    assertThat(t.segments())
        .extracting(TranscriptSegment::text)
        .containsExactly("I waited two hours.", "Nobody called back.");
    assertThat(t.segments().get(0).isTimed()).isFalse();
  }

  @Test
  void ofBlankTextIsEmpty() {
    assertThat(Transcript.ofText(" \n\n").isEmpty()).isTrue();
  }

  static Stream<Arguments> placements() {
    return Stream.of(
        // utterances, speech spans [s,e,...], duration, expected [s,e,...]
        Arguments.of(
            "proportionalOverWholeDurationWithoutSpeech",
            List.of("aa", "aaaa"),
            new double[] {},
            6.0,
            new double[] {0, 2, 2, 6}),
        Arguments.of(
            "fillsSpeechSpansInOrder",
            List.of("aa", "aaaa"),
            new double[] {1, 2, 4, 6},
            10.0,
            new double[] {1, 2, 4, 6}),
        Arguments.of(
            "letsALongUtteranceBridgeAPause",
            List.of("aaaa", "aa"),
            new double[] {1, 2, 4, 6},
            10.0,
            new double[] {1, 5, 5, 6}),
        Arguments.of(
            "sortsAndMergesOverlappingSpans",
            List.of("abc"),
            new double[] {5, 7, 1, 3, 2, 4},
            10.0,
            new double[] {1, 7}),
        Arguments.of(
            "countsCharactersNotBytes",
            List.of("生气", "ab"),
            new double[] {0, 4},
            4.0,
            new double[] {0, 2, 2, 4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placements")
  void placesUntimedUtterancesOverSpeech(
      String behaviour, List<String> lines, double[] spans, double duration, double[] expected) {
    Transcript untimed = Transcript.ofText(String.join("\n", lines));
    List<TimeSpan> speech =
        java.util.stream.IntStream.range(0, spans.length / 2)
            .mapToObj(i -> new TimeSpan(spans[2 * i], spans[2 * i + 1]))
            .toList();

    Transcript placed = untimed.placedOver(speech, duration);

    assertThat(placed.timed()).isTrue();
    assertThat(placed.segments())
        .extracting(TranscriptSegment::text)
        .containsExactlyElementsOf(lines);
    double[] actual =
        placed.segments().stream()
            .flatMapToDouble(s -> Arrays.stream(new double[] {s.start(), s.end()}))
            .toArray();
    assertThat(actual).containsExactly(expected, within(1e-9));
  }

  @Test
  void placingATimedTranscriptReturnsItUnchanged() {
    Transcript timed = new Transcript(List.of(new TranscriptSegment(1, 2, "hi")), true);

    assertThat(timed.placedOver(List.of(new TimeSpan(5, 9)), 10)).isSameAs(timed);
  }

  @Test
  void placingWithoutSpeechOrDurationIsRefused() {
    Transcript untimed = Transcript.ofText("hello");

    assertThatThrownBy(() -> untimed.placedOver(List.of(), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void segmentsAreEitherUntimedOrOrdered() {
    assertThatThrownBy(() -> new TranscriptSegment(2, 1, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TranscriptSegment(Double.NaN, 1, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transcript(List.of(TranscriptSegment.untimed("x")), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeSpan(3, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
