package org.sentio.app.share;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sentio.affect.deidentify.FaceTreatment;
import org.sentio.affect.deidentify.MediaDeidentifier;
import org.sentio.affect.deidentify.PiiKind;
import org.sentio.affect.deidentify.SessionDeidentifier;
import org.sentio.affect.deidentify.TextRedactor;
import org.sentio.affect.deidentify.VoiceTreatment;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.capture.media.MediaException;
import org.sentio.reports.Format;
import org.sentio.reports.Reports;
import org.sentio.runtime.ModelException;

/**
 * Writes a de-identified copy of a stored session into a folder: the transcript redacted, faces
 * hidden and the voice shifted or removed in a copy of the media, the session in the chosen export
 * formats, and {@code manifest.json} saying what was removed (counts and spans, never the text).
 */
public final class SessionShare {
  public static final String MANIFEST = "manifest.json";
  public static final String MEDIA = "media.mp4";

  /**
   * How to share.
   *
   * @param noMedia write no media file, only the redacted session
   */
  public record Options(
      FaceTreatment faces, VoiceTreatment voice, Set<Format> formats, boolean noMedia) {
    public Options {
      formats = Set.copyOf(formats);
    }

    /** Faces blurred, voice shifted, JSON, CSV and WebVTT, with media: as {@code sentio share}. */
    public static Options defaults() {
      return new Options(
          FaceTreatment.BLUR,
          VoiceTreatment.SHIFT,
          EnumSet.of(Format.JSON, Format.CSV, Format.VTT),
          false);
    }
  }

  /** Opens the face detector, only when a video is to be copied. */
  @FunctionalInterface
  public interface DetectorOpener {
    BlazeFaceDetector open() throws ModelException;
  }

  /**
   * What was written and removed.
   *
   * @param media the media copy's outcome, or null when none was written
   */
  public record Outcome(
      List<Path> written,
      SessionDeidentifier.Result text,
      MediaDeidentifier.Outcome media,
      VoiceTreatment voice) {}

  private SessionShare() {}

  /** Whether sharing {@code stored} with {@code options} copies its media. */
  public static boolean writesMedia(SessionResult stored, Options options) {
    MediaSummary media = stored.media();
    return !options.noMedia()
        && media != null
        && !media.path().isBlank()
        && (media.hasVideo() || options.voice() == VoiceTreatment.SHIFT);
  }

  /**
   * Writes the de-identified copy of session {@code id} into the existing folder {@code out}.
   *
   * @param progress hears the media copy's progress; it may throw {@link ShareCancelledException}
   *     to stop, and the half-written media file is then removed
   * @throws MediaException when the session's media cannot be read or the copy written
   * @throws ModelException when the face detector cannot be opened or run
   * @throws IOException when the session files or the manifest cannot be written
   */
  public static Outcome write(
      long id,
      SessionResult stored,
      Path out,
      Options options,
      DetectorOpener detector,
      ProgressListener progress)
      throws MediaException, ModelException, IOException {
    boolean writeMedia = writesMedia(stored, options);
    SessionDeidentifier.Result text =
        new SessionDeidentifier(TextRedactor.standard())
            .deidentify(stored, "de-identified session " + id, writeMedia ? MEDIA : null);
    MediaDeidentifier.Outcome outcome = null;
    List<Path> written = new ArrayList<>();
    if (writeMedia) {
      try (BlazeFaceDetector faces = detector.open()) {
        outcome =
            MediaDeidentifier.write(
                Path.of(stored.media().path()),
                out.resolve(MEDIA),
                faces,
                new MediaDeidentifier.Options(options.faces(), options.voice(), Double.NaN),
                progress);
      }
      written.add(out.resolve(MEDIA));
    }
    written.addAll(Reports.write(id, text.session(), options.formats(), out));
    Path manifest = out.resolve(MANIFEST);
    writeManifest(
        manifest,
        id,
        text,
        outcome,
        options.faces(),
        options.voice(),
        stored.media(),
        options.noMedia());
    written.add(manifest);
    return new Outcome(written, text, outcome, options.voice());
  }

  private static void writeManifest(
      Path file,
      long id,
      SessionDeidentifier.Result text,
      MediaDeidentifier.Outcome outcome,
      FaceTreatment faceTreatment,
      VoiceTreatment voiceTreatment,
      MediaSummary media,
      boolean noMedia)
      throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("format", "sentio-deidentified/1");
    root.put("session", id);
    root.put("written", Instant.now().toString());
    ObjectNode transcript = root.putObject("transcript");
    transcript.put("utterances", text.session().transcript().size());
    ObjectNode counts = transcript.putObject("redacted");
    for (PiiKind kind : PiiKind.values()) {
      counts.put(kind.name().toLowerCase(Locale.ROOT), text.countByKind().getOrDefault(kind, 0));
    }
    ArrayNode spans = transcript.putArray("spans");
    for (SessionDeidentifier.TranscriptRedaction r : text.redactions()) {
      spans
          .addObject()
          .put("utterance", r.utterance())
          .put("kind", r.kind().name().toLowerCase(Locale.ROOT))
          .put("start", r.start())
          .put("end", r.end());
    }
    transcript.put("recognisedWordsDropped", text.wordsDropped());
    transcript.put("textsBeforeCorrectionDropped", text.correctionsDropped());
    transcript.put(
        "method",
        "rules: patterns, Luhn check for card numbers, GB 11643 check character for Chinese ID"
            + " numbers, name lists with cues; names without a cue can be missed");
    ObjectNode video = root.putObject("video");
    ObjectNode sound = root.putObject("voice");
    if (outcome == null) {
      String why =
          noMedia
              ? "not written (--no-media)"
              : media == null ? "the session has no media" : "not written";
      video.put("written", false).put("why", why);
      sound.put("written", false).put("why", why);
    } else {
      video.put("written", outcome.videoWritten());
      if (outcome.videoWritten()) {
        video
            .put("faces", faceTreatment.name().toLowerCase(Locale.ROOT))
            .put("frames", outcome.frames())
            .put("framesWithFacesHidden", outcome.framesWithFaces())
            .put("facesHidden", outcome.facesHidden())
            .put("framesWithNoFaceFound", outcome.frames() - outcome.framesWithFaces())
            .put(
                "method",
                "BlazeFace on every frame at score 0.3, box grown by 30 %, held 0.5 s after last"
                    + " seen; faces the detector misses are not hidden");
      }
      sound.put("written", outcome.audioWritten());
      sound.put("treatment", voiceTreatment.name().toLowerCase(Locale.ROOT));
      sound.put(
          "method",
          voiceTreatment == VoiceTreatment.SHIFT
              ? "FFmpeg asetrate,aresample,atempo: pitch and formants moved together by a factor"
                  + " drawn at random from [0.78, 0.86] or [1.18, 1.30], not recorded; a disguise"
                  + " for listeners, not anonymity against speaker recognition"
              : "removed; the voice is kept only as the per-window voice readings");
    }
    ArrayNode removed = root.putArray("alsoRemoved");
    removed.add("session title (replaced)");
    removed.add("media file path (replaced by the copy's file name)");
    removed.add("warnings (" + text.warningsDropped() + ", they name files)");
    removed.add("annotations and their authors (not exported)");
    ArrayNode kept = root.putArray("kept");
    kept.add("per-window face, voice, text and fused readings");
    kept.add("utterance times and speaker ids");
    kept.add("model names, versions and checksums");
    kept.add("the date the session was analysed");
    json.writeValue(file.toFile(), root);
  }
}
