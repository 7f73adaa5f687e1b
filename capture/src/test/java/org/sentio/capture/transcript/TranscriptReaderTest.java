package org.sentio.capture.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TranscriptReaderTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }

  /** "start|end|text" per segment, times to the millisecond. */
  private static List<String> render(Transcript t) {
    return t.segments().stream()
        .map(
            s -> String.format(java.util.Locale.ROOT, "%.3f|%.3f|%s", s.start(), s.end(), s.text()))
        .toList();
  }

  static Stream<Arguments> validSubtitles() {
    return Stream.of(
        Arguments.of(
            "decodesSrtCueSpanningMultipleLines",
            "subs.srt",
            "1\n00:00:01,000 --> 00:00:02,500\nI called last week\nabout my invoice.\n\n"
                + "2\n00:00:03,000 --> 00:00:04,000\nStill nothing.\n",
            List.of(
                "1.000|2.500|I called last week about my invoice.", "3.000|4.000|Still nothing.")),
        Arguments.of(
            "acceptsDotMillisecondsInSrt",
            "dots.srt",
            "1\n00:01:02.345 --> 01:00:00.000\nHello\n",
            List.of("62.345|3600.000|Hello")),
        Arguments.of(
            "skipsBomAndCrlfInSrt",
            "windows.srt",
            "\uFEFF1\r\n00:00:00,500 --> 00:00:01,000\r\nHi there\r\n\r\n2\r\n00:00:01,000 --> 00:00:02,000\r\nBye\r\n",
            List.of("0.500|1.000|Hi there", "1.000|2.000|Bye")),
        Arguments.of(
            "stripsSrtMarkup",
            "tags.srt",
            "1\n00:00:00,000 --> 00:00:01,000 X1:10 X2:20 Y1:5 Y2:9\n"
                + "{\\an8}<i>I am <b>so</b></i> <font color=\"#ff0000\">angry</font> &amp; tired\n",
            List.of("0.000|1.000|I am so angry & tired")),
        Arguments.of(
            "readsSrtWithoutCueNumbersAndExtraBlankLines",
            "loose.srt",
            "\n\n00:00:01,000 --> 00:00:02,000\nOne\n\n\n\n00:00:02,000 --> 00:00:03,000\nTwo\n\n\n",
            List.of("1.000|2.000|One", "2.000|3.000|Two")),
        Arguments.of(
            "skipsSrtCuesWithoutText",
            "blank-cue.srt",
            "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n",
            List.of("2.000|3.000|Two")),
        Arguments.of(
            "readsVttWithHeaderIdsSettingsNotesAndStyles",
            "talk.vtt",
            "WEBVTT - customer call\nKind: captions\n\n"
                + "STYLE\n::cue { color: yellow }\n\n"
                + "NOTE this is a comment\nspanning two lines\n\n"
                + "intro\n00:01.000 --> 00:02.000 align:start position:10%\n<v Agent>How can I help?</v>\n\n"
                + "NOTE\n\n"
                + "00:00:02.500 --> 00:00:04.000\n<c.loud>My order</c> never <00:00:03.000>came.\n",
            List.of("1.000|2.000|How can I help?", "2.500|4.000|My order never came.")),
        Arguments.of(
            "readsVttWithBomAndCrlf",
            "win.vtt",
            "\uFEFFWEBVTT\r\n\r\n1\r\n00:00.000 --> 00:01.250\r\nA &lt;b&gt; tag\r\n",
            List.of("0.000|1.250|A <b> tag")),
        Arguments.of(
            "recognisesSrtContentUnderATextExtension",
            "call.txt",
            "1\n00:00:01,000 --> 00:00:02,000\nHello\n",
            List.of("1.000|2.000|Hello")),
        Arguments.of(
            "recognisesVttContentUnderAnSrtExtension",
            "mislabelled.srt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n",
            List.of("1.000|2.000|Hello")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSubtitles")
  void readsTimedTranscripts(String behaviour, String name, String content, List<String> expected)
      throws Exception {
    Transcript t = TranscriptReader.read(write(name, content));

    assertThat(t.timed()).isTrue();
    assertThat(render(t)).containsExactlyElementsOf(expected);
  }

  @Test
  void readsPlainTextAsOneUntimedUtterancePerNonBlankLine() throws Exception {
    Transcript t =
        TranscriptReader.read(
            write("complaint.txt", "\uFEFFMy chest hurts.\r\n\r\n  It started an hour ago.  \n\n"));

    assertThat(t.timed()).isFalse();
    assertThat(t.segments())
        .extracting(TranscriptSegment::text)
        .containsExactly("My chest hurts.", "It started an hour ago.");
    assertThat(t.segments())
        .allSatisfy(
            s -> {
              assertThat(s.start()).isNaN();
              assertThat(s.end()).isNaN();
            });
  }

  @Test
  void readsAnyOtherUtf8TextAsPlainText() throws Exception {
    Transcript t = TranscriptReader.read(write("notes.md", "我很生气。\nTout va bien — merci.\n"));

    assertThat(t.timed()).isFalse();
    assertThat(t.segments())
        .extracting(TranscriptSegment::text)
        .containsExactly("我很生气。", "Tout va bien — merci.");
  }

  @Test
  void readsUtf16WithByteOrderMark() throws Exception {
    byte[] body = "1\n00:00:01,000 --> 00:00:02,000\nHallo\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);

    Transcript t = TranscriptReader.read(Files.write(dir.resolve("utf16.srt"), bytes));

    assertThat(render(t)).containsExactly("1.000|2.000|Hallo");
  }

  static Stream<Arguments> brokenFiles() {
    String good = "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n";
    return Stream.of(
        Arguments.of(
            "subs.srt",
            good + "2\n00:00:0x,000 --> 00:00:04,000\nWorld\n",
            "subs.srt line 6: broken timestamp '00:00:0x,000 --> 00:00:04,000'"
                + " (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"),
        Arguments.of(
            "arrow.srt",
            "1\n00:00:01,000 -> 00:00:02,000\nHello\n",
            "arrow.srt line 2: broken timestamp '00:00:01,000 -> 00:00:02,000'"
                + " (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"),
        Arguments.of(
            "sixty.srt",
            "1\n00:61:01,000 --> 01:02:00,000\nHello\n",
            "sixty.srt line 2: broken timestamp '00:61:01,000 --> 01:02:00,000'"
                + " (minutes and seconds must be below 60)"),
        Arguments.of(
            "backwards.srt",
            good + "2\n00:00:05,000 --> 00:00:04,000\nWorld\n",
            "backwards.srt line 6: cue ends before it starts ('00:00:05,000 --> 00:00:04,000')"),
        Arguments.of(
            "nonsense.srt",
            "Hello there\nGeneral Kenobi\n",
            "nonsense.srt line 1: expected a cue number or a timing line, found 'Hello there'"),
        Arguments.of(
            "numberonly.srt",
            good + "2\n\n",
            "numberonly.srt line 6: cue 2 has no timing line"
                + " (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"),
        Arguments.of(
            "noheader.vtt",
            "00:01.000 --> 00:02.000\nHello\n",
            "noheader.vtt line 1: missing 'WEBVTT' header, found '00:01.000 --> 00:02.000'"
                + " (a WebVTT file starts with WEBVTT)"),
        Arguments.of(
            "broken.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\ncue-2\n00:02,5 --> 00:03.000\nHo\n",
            "broken.vtt line 7: broken timestamp '00:02,5 --> 00:03.000'"
                + " (expected [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm)"),
        Arguments.of(
            "backwards.vtt",
            "WEBVTT\n\n00:03.000 --> 00:02.000\nHi\n",
            "backwards.vtt line 3: cue ends before it starts ('00:03.000 --> 00:02.000')"),
        Arguments.of("blank.txt", "\n   \n\t\n", "blank.txt: has no utterances (only blank lines)"),
        Arguments.of(
            "headeronly.vtt",
            "WEBVTT\n\nNOTE nothing here\n",
            "headeronly.vtt: has no utterances (no cue with text)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void refusesBrokenTranscriptsNamingFileLineAndProblem(String name, String content, String message)
      throws Exception {
    Path file = write(name, content);

    TranscriptException e =
        catchThrowableOfType(TranscriptException.class, () -> TranscriptReader.read(file));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo(dir.resolve(message).toString());
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  @Test
  void refusesBinaryContentNamingTheByte() throws Exception {
    byte[] bytes = "WEBVTT\n\n00:\u0000\u0001junk".getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(dir.resolve("movie.vtt"), bytes);

    TranscriptException e =
        catchThrowableOfType(TranscriptException.class, () -> TranscriptReader.read(file));

    assertThat(e.getMessage()).isEqualTo(file + ": is not a text file (binary content at byte 11)");
  }

  @Test
  void refusesAMediaFileGivenAsTranscript() throws Exception {
    byte[] bytes = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    Path file = Files.write(dir.resolve("call.mp4"), bytes);

    TranscriptException e =
        catchThrowableOfType(TranscriptException.class, () -> TranscriptReader.read(file));

    assertThat(e.getMessage()).isEqualTo(file + ": is not a text file (binary content at byte 0)");
  }

  @Test
  void refusesInvalidUtf8NamingLineAndByte() throws Exception {
    byte[] head = "Hello\nCaf".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[head.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xE9; // Latin-1 é
    bytes[head.length + 1] = '\n';
    Path file = Files.write(dir.resolve("latin1.txt"), bytes);

    TranscriptException e =
        catchThrowableOfType(TranscriptException.class, () -> TranscriptReader.read(file));

    assertThat(e.getMessage())
        .isEqualTo(file + " line 2: not valid UTF-8 (byte 9); save the file as UTF-8");
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void refusesAnEmptyFile() throws Exception {
    Path file = write("empty.srt", "");

    TranscriptException e =
        catchThrowableOfType(TranscriptException.class, () -> TranscriptReader.read(file));

    assertThat(e.getMessage()).isEqualTo(file + ": the file is empty (0 bytes)");
  }

  @Test
  void refusesAMissingFileAndAFolder() throws Exception {
    Path missing = dir.resolve("nope.srt");
    Path folder = Files.createDirectory(dir.resolve("subs.vtt"));

    assertThat(
            catchThrowableOfType(TranscriptException.class, () -> TranscriptReader.read(missing)))
        .hasMessage(missing + ": no such file");
    assertThat(catchThrowableOfType(TranscriptException.class, () -> TranscriptReader.read(folder)))
        .hasMessage(folder + ": is a folder, not a transcript");
  }
}
