package org.sentio.affect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The known words on why a modality is absent ({@link AffectEstimate#absenceDetail()}), each with
 * its English text and the numbers it carries.
 *
 * <p>The analysis writes the English text (the stored and exported form, unchanged since sessions
 * were first stored); a display in another language reads it back with {@link #parse} into this
 * code and its numbers, and shows its own words for the code. Sessions stored before this catalog
 * existed carry the same texts, so they are read back the same way; a text not in the catalog (an
 * error message, an older wording) is not matched and the display decides what to show.
 */
public enum AbsenceDetail {
  NO_VIDEO_STREAM("no video stream"),
  NO_VIDEO("no video"),
  NO_VIDEO_FRAME_DECODED("no video frame decoded in this window"),
  NO_FACE_FOUND("no face found"),
  NO_AUDIO("no audio"),
  NO_AUDIO_IN_WINDOW("no audio in this window"),
  TOO_LITTLE_SPEECH("speech in %.0f%% of the window, below %.0f%%"),
  NOT_VOICED("no voiced sound (%.0f%% of frames voiced): noise, hum or whisper"),
  NOT_VOICED_LOUDNESS("no voiced sound (%.0f%% voiced, %.0f dBFS)"),
  TOO_QUIET("too quiet (%.0f dBFS)"),
  NO_WORDS_IN_WINDOW("no words in this window"),
  TEXT_LANGUAGE_NOT_READ("the text is neither English nor Chinese, the languages Sentio reads"),
  SPEAKER_SILENT("this speaker does not talk in this window"),
  VOICES_MIXED("another speaker talks in this window too; a mixed voice is not split"),
  SPEAKER_FACE_LEFT_OUT("a speaker's own readings fuse their voice and words only"),
  NO_FACE_LINKED("no face is linked to this speaker"),
  LINKED_FACE_NOT_SEEN("the face linked to this speaker (track %d) is not seen in this window"),
  LIVE_NO_TEXT("live"),
  NO_MICROPHONE("no microphone"),
  NO_SOUND_IN_WINDOW("no sound in this window"),
  NO_PICTURE_ANALYSED("no picture analysed in this window"),
  NOT_DRAWN("not drawn for this window"),
  REMOVED("removed");

  private final String format;
  private final Pattern pattern;

  AbsenceDetail(String format) {
    this.format = format;
    this.pattern = Pattern.compile(toRegex(format));
  }

  /** The English text with {@code numbers} put in, as the analysis writes it. */
  public String text(Object... numbers) {
    return String.format(Locale.ROOT, format, numbers);
  }

  /**
   * The code and numbers of a written detail, or empty when {@code detail} is {@code null} or not
   * one of the catalog's texts.
   */
  public static Optional<Match> parse(String detail) {
    if (detail == null) {
      return Optional.empty();
    }
    for (AbsenceDetail code : values()) {
      Matcher m = code.pattern.matcher(detail);
      if (m.matches()) {
        List<String> numbers = new ArrayList<>(m.groupCount());
        for (int g = 1; g <= m.groupCount(); g++) {
          numbers.add(m.group(g));
        }
        return Optional.of(new Match(code, numbers));
      }
    }
    return Optional.empty();
  }

  /**
   * A written detail read back.
   *
   * @param code which detail it is
   * @param numbers the numbers it carries, as written (e.g. "12", "-52"), in order
   */
  public record Match(AbsenceDetail code, List<String> numbers) {
    public Match {
      numbers = List.copyOf(numbers);
    }
  }

  /** Holds the pattern apart, as an enum's own statics are not yet set when its constants are. */
  private static final class Placeholder {
    static final Pattern PATTERN = Pattern.compile("%(?:\\.\\d+)?[df]|%%");
  }

  private static String toRegex(String format) {
    StringBuilder regex = new StringBuilder();
    Matcher m = Placeholder.PATTERN.matcher(format);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(format.substring(last, m.start())));
      regex.append(m.group().equals("%%") ? "%" : "(-?\\d+(?:\\.\\d+)?|NaN|-?Infinity)");
      last = m.end();
    }
    regex.append(Pattern.quote(format.substring(last)));
    return regex.toString();
  }
}
