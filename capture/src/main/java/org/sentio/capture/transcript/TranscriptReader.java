package org.sentio.capture.transcript;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a transcript file: SubRip ({@code .srt}), WebVTT ({@code .vtt}) or plain text (anything
 * else that is UTF-8 text, one utterance per non-blank line, untimed). The extension picks the
 * format; the content is checked against it, and a subtitle file given under another extension is
 * recognised by its content. Hand-written parsers: no maintained Java subtitle library is available
 * to this project.
 */
public final class TranscriptReader {

  /** Transcripts are small; anything larger is almost certainly the wrong file. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private TranscriptReader() {}

  /**
   * Reads {@code path}.
   *
   * @throws TranscriptException with a one-line message naming the file, the line and the problem
   */
  public static Transcript read(Path path) throws TranscriptException {
    String text = decode(path, readBytes(path));
    List<String> lines = List.of(text.split("\r\n|\r|\n", -1));
    Format format = Format.of(path, lines);
    Transcript transcript =
        switch (format) {
          case SRT -> SubtitleParsers.srt(path, lines);
          case VTT -> SubtitleParsers.vtt(path, lines);
          case TEXT -> Transcript.ofText(text);
        };
    if (transcript.isEmpty()) {
      throw new TranscriptException(
          path,
          format == Format.TEXT
              ? "has no utterances (only blank lines)"
              : "has no utterances (no cue with text)");
    }
    return transcript;
  }

  enum Format {
    SRT,
    VTT,
    TEXT;

    static Format of(Path path, List<String> lines) {
      String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
      boolean vttHeader = !lines.isEmpty() && SubtitleParsers.isVttHeader(lines.get(0));
      if (name.endsWith(".vtt") || vttHeader) {
        return VTT;
      }
      if (name.endsWith(".srt") || SubtitleParsers.looksLikeSrt(lines)) {
        return SRT;
      }
      return TEXT;
    }
  }

  private static byte[] readBytes(Path path) throws TranscriptException {
    if (!Files.exists(path)) {
      throw new TranscriptException(path, "no such file");
    }
    if (Files.isDirectory(path)) {
      throw new TranscriptException(path, "is a folder, not a transcript");
    }
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new TranscriptException(
            path, "is too large for a transcript (over " + MAX_BYTES / (1024 * 1024) + " MB)");
      }
      byte[] bytes = Files.readAllBytes(path);
      if (bytes.length == 0) {
        throw new TranscriptException(path, "the file is empty (0 bytes)");
      }
      return bytes;
    } catch (AccessDeniedException e) {
      throw new TranscriptException(path, "cannot be read (permission denied)", e);
    } catch (NoSuchFileException e) {
      throw new TranscriptException(path, "no such file", e);
    } catch (IOException e) {
      throw new TranscriptException(path, "cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** UTF-8 (BOM optional) or UTF-16 with a BOM; refuses binary content and invalid UTF-8. */
  static String decode(Path path, byte[] bytes) throws TranscriptException {
    int offset = 0;
    Charset charset = StandardCharsets.UTF_8;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      offset = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      offset = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      offset = 2;
    }
    if (charset == StandardCharsets.UTF_8) {
      for (int i = offset; i < bytes.length; i++) {
        if (isBinary(bytes[i] & 0xff)) {
          throw new TranscriptException(
              path, "is not a text file (binary content at byte " + i + ")");
        }
      }
    }
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    try {
      CharBuffer chars = decoder.decode(in);
      String text = chars.toString();
      if (charset != StandardCharsets.UTF_8) {
        for (int i = 0; i < text.length(); i++) {
          if (isBinary(text.charAt(i))) {
            throw new TranscriptException(
                path, "is not a text file (binary content at character " + i + ")");
          }
        }
      }
      return text;
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes, offset);
      int line = 1;
      for (int i = offset; i < bad && i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      if (charset == StandardCharsets.UTF_8) {
        throw new TranscriptException(
            path, line, "not valid UTF-8 (byte " + bad + "); save the file as UTF-8");
      }
      throw new TranscriptException(path, "not valid " + charset.name() + " text", e);
    }
  }

  /** Control characters other than tab, line feed, form feed and carriage return. */
  private static boolean isBinary(int c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f;
  }

  /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
  private static int firstInvalidUtf8(byte[] b, int from) {
    int i = from;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int n;
      int min;
      if (c < 0x80) {
        i++;
        continue;
      } else if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        min = 0x10000;
      } else {
        return i;
      }
      int cp = c & (0x3F >> n);
      for (int k = 1; k <= n; k++) {
        if (i + k >= b.length || (b[i + k] & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (b[i + k] & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += n + 1;
    }
    return b.length;
  }
}
