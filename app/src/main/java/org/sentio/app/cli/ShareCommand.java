package org.sentio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sentio.affect.deidentify.FaceTreatment;
import org.sentio.affect.deidentify.MediaDeidentifier;
import org.sentio.affect.deidentify.PiiKind;
import org.sentio.affect.deidentify.SessionDeidentifier;
import org.sentio.affect.deidentify.TextRedactor;
import org.sentio.affect.deidentify.VoiceTreatment;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import org.sentio.capture.media.MediaException;
import org.sentio.reports.Format;
import org.sentio.reports.Reports;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sentio share ID --out DIR [--faces blur|landmarks] [--voice shift|remove] [--no-media]}: a
 * de-identified copy of a stored session for training, audits or bug reports, with a manifest of
 * what was removed.
 */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description =
        "Write a de-identified copy of a stored session: names, phone numbers, e-mail and street"
            + " addresses, ID and card numbers redacted in the transcript (English and Chinese);"
            + " faces blurred or replaced by their landmarks in the video; the voice pitch- and"
            + " formant-shifted or removed; and manifest.json saying what was removed.")
public final class ShareCommand implements Callable<Integer> {
  static final String MANIFEST = "manifest.json";
  static final String MEDIA = "media.mp4";

  @Mixin CommonOptions common;

  @Mixin SessionOutput session;

  @Option(
      names = "--faces",
      paramLabel = "HOW",
      defaultValue = "blur",
      description =
          "blur (default) or landmarks: the face painted grey with eyes, nose, mouth and ears marked.")
  String faces;

  @Option(
      names = "--voice",
      paramLabel = "HOW",
      defaultValue = "shift",
      description =
          "shift (default): pitch and formants moved by a random factor; remove: no sound, the"
              + " voice kept only as its per-window features.")
  String voice;

  @Option(
      names = "--format",
      paramLabel = "FORMATS",
      defaultValue = "json,csv,vtt",
      description = "Comma-separated: csv, json, vtt, eaf (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--no-media", description = "Write no media file, only the redacted session.")
  boolean noMedia;

  @Override
  public Integer call() throws UserError, StoreException {
    FaceTreatment faceTreatment = parse(FaceTreatment.class, "--faces", faces);
    VoiceTreatment voiceTreatment = parse(VoiceTreatment.class, "--voice", voice);
    Set<Format> formats = ReportCommand.formats(format, Format.exports());
    long id = session.id;
    SessionResult stored;
    try (SessionStore store = common.openStore()) {
      SessionSummary summary =
          store.summary(id).orElseThrow(() -> SessionsCommand.noSuchSession(id));
      if (!"done".equals(summary.status())) {
        throw new UserError(
            "session " + id + " failed (" + summary.failure() + "): there is nothing to share");
      }
      StoredSession loaded = store.load(id).orElseThrow(() -> SessionsCommand.noSuchSession(id));
      stored = loaded.result();
    }
    Path out = session.out;
    OutputFolder.prepare(out);
    MediaSummary media = stored.media();
    boolean writeMedia =
        !noMedia
            && media != null
            && !media.path().isBlank()
            && (media.hasVideo() || voiceTreatment == VoiceTreatment.SHIFT);
    if (writeMedia && !Files.isRegularFile(Path.of(media.path()))) {
      throw new UserError(
          media.path()
              + ": the session's media is no longer there; move it back, or share without it"
              + " with --no-media");
    }
    SessionDeidentifier.Result text =
        new SessionDeidentifier(TextRedactor.standard())
            .deidentify(stored, "de-identified session " + id, writeMedia ? MEDIA : null);
    MediaDeidentifier.Outcome outcome = null;
    if (writeMedia) {
      outcome =
          writeMedia(Path.of(media.path()), out.resolve(MEDIA), faceTreatment, voiceTreatment);
    }
    List<Path> written = new ArrayList<>();
    try {
      written.addAll(Reports.write(id, text.session(), formats, out));
      Path manifest = out.resolve(MANIFEST);
      writeManifest(manifest, id, text, outcome, faceTreatment, voiceTreatment, media, noMedia);
      written.add(manifest);
      try (SessionStore store = common.openStore()) {
        AuditTrail.record(
            store,
            AuditRepository.Action.SHARE,
            id,
            "de-identified copy to " + out.toAbsolutePath().normalize());
      }
    } catch (IOException e) {
      throw new UserError(
          out.toAbsolutePath()
              + ": cannot write the de-identified copy ("
              + OutputFolder.reason(e)
              + "); choose another folder with --out",
          e);
    }
    if (outcome != null) {
      System.out.println("Wrote " + out.resolve(MEDIA));
    }
    for (Path file : written) {
      System.out.println("Wrote " + file);
    }
    System.out.println(
        "Removed: "
            + text.redactions().size()
            + " spans of personal data from the transcript"
            + (outcome == null
                ? ""
                : ", faces in "
                    + outcome.framesWithFaces()
                    + " of "
                    + outcome.frames()
                    + " frames"
                    + (voiceTreatment == VoiceTreatment.SHIFT
                        ? ", voice shifted"
                        : ", voice removed"))
            + " (see "
            + MANIFEST
            + ")");
    if (outcome != null && outcome.frames() > outcome.framesWithFaces()) {
      System.out.println(
          "Check the video: no face was found in "
              + (outcome.frames() - outcome.framesWithFaces())
              + " frames; a face the detector missed is not hidden.");
    }
    return 0;
  }

  private MediaDeidentifier.Outcome writeMedia(
      Path in, Path target, FaceTreatment faceTreatment, VoiceTreatment voiceTreatment)
      throws UserError {
    OnnxHost host = OnnxHost.start(common.devicePreference(), 0);
    try (BlazeFaceDetector detector =
        new BlazeFaceDetector(
            host.open(common.registry(), common.registry().find(BlazeFaceDetector.MODEL)),
            MediaDeidentifier.DETECTION)) {
      return MediaDeidentifier.write(
          in,
          target,
          detector,
          new MediaDeidentifier.Options(faceTreatment, voiceTreatment, Double.NaN),
          ProgressLine.onStderr("share"));
    } catch (MediaException e) {
      throw new UserError(e.getMessage(), e);
    } catch (ModelException e) {
      throw new UserError(
          "cannot open the face detector (" + e.getMessage() + "); nothing was written", e);
    }
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

  private static <E extends Enum<E>> E parse(Class<E> type, String option, String value)
      throws UserError {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw new UserError(option + ": '" + value + "' is not one of " + String.join(", ", names));
  }
}
