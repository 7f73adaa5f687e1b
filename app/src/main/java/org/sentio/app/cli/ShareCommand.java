package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sentio.affect.deidentify.FaceTreatment;
import org.sentio.affect.deidentify.MediaDeidentifier;
import org.sentio.affect.deidentify.SessionDeidentifier;
import org.sentio.affect.deidentify.VoiceTreatment;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.share.SessionShare;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import org.sentio.capture.media.MediaException;
import org.sentio.reports.Format;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
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
  static final String MANIFEST = SessionShare.MANIFEST;
  static final String MEDIA = SessionShare.MEDIA;

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
          store.sessions().summary(id).orElseThrow(() -> SessionsCommand.noSuchSession(id));
      if (!"done".equals(summary.status())) {
        throw new UserError(
            "session " + id + " failed (" + summary.failure() + "): there is nothing to share");
      }
      StoredSession loaded =
          store.sessions().load(id).orElseThrow(() -> SessionsCommand.noSuchSession(id));
      stored = loaded.result();
    }
    Path out = session.out;
    OutputFolder.prepare(out);
    SessionShare.Options options =
        new SessionShare.Options(faceTreatment, voiceTreatment, formats, noMedia);
    MediaSummary media = stored.media();
    boolean writeMedia = SessionShare.writesMedia(stored, options);
    if (writeMedia && !Files.isRegularFile(Path.of(media.path()))) {
      throw new UserError(
          media.path()
              + ": the session's media is no longer there; move it back, or share without it"
              + " with --no-media");
    }
    ModelRegistry registry = writeMedia ? common.registry() : null;
    DevicePreference device = writeMedia ? common.devicePreference() : null;
    SessionShare.Outcome shared;
    try {
      shared =
          SessionShare.write(
              id,
              stored,
              out,
              options,
              () -> {
                OnnxHost host = OnnxHost.start(device, 0);
                return new BlazeFaceDetector(
                    host.open(registry, registry.find(BlazeFaceDetector.MODEL)),
                    MediaDeidentifier.DETECTION);
              },
              ProgressLine.onStderr("share"));
      try (SessionStore store = common.openStore()) {
        AuditTrail.record(
            store,
            AuditRepository.Action.SHARE,
            id,
            "de-identified copy to " + out.toAbsolutePath().normalize());
      }
    } catch (MediaException e) {
      throw new UserError(e.getMessage(), e);
    } catch (ModelException e) {
      throw new UserError(
          "cannot open the face detector (" + e.getMessage() + "); nothing was written", e);
    } catch (IOException e) {
      throw new UserError(
          out.toAbsolutePath()
              + ": cannot write the de-identified copy ("
              + OutputFolder.reason(e)
              + "); choose another folder with --out",
          e);
    }
    MediaDeidentifier.Outcome outcome = shared.media();
    SessionDeidentifier.Result text = shared.text();
    List<Path> written = shared.written();
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
