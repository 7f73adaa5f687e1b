package org.sentio.app.ui.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.sentio.affect.deidentify.MediaDeidentifier;
import org.sentio.affect.deidentify.PiiKind;
import org.sentio.affect.deidentify.VoiceTreatment;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.share.SessionShare;
import org.sentio.app.share.ShareCancelledException;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;
import org.sentio.capture.media.MediaException;
import org.sentio.runtime.ModelException;

/**
 * "Share de-identified…" of one stored session, as {@code sentio share} does it with its defaults
 * (faces blurred, voice shifted; JSON, CSV and WebVTT; manifest.json): run off the JavaFX thread
 * with progress and cancel, written to the audit log, and what was removed shown after.
 */
public final class ShareViewModel {
  private final SessionStore store;
  private final TaskExecutor executor;
  private final I18n i18n;
  private final AuditRepository audit;
  private final SessionShare.DetectorOpener detector;

  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty failed = new SimpleBooleanProperty(false);
  private AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * @param audit where each finished share is written, with the local user's name
   * @param detector opens the face detector when a video is copied
   */
  public ShareViewModel(
      SessionStore store,
      TaskExecutor executor,
      I18n i18n,
      AuditRepository audit,
      SessionShare.DetectorOpener detector) {
    this.store = store;
    this.executor = executor;
    this.i18n = i18n;
    this.audit = audit;
    this.detector = detector;
  }

  public BooleanProperty runningProperty() {
    return running;
  }

  /** The media copy's progress, 0 to 1; negative while it cannot be told. */
  public DoubleProperty progressProperty() {
    return progress;
  }

  /** What is happening, then what was removed, or why nothing was shared. */
  public StringProperty statusProperty() {
    return status;
  }

  public BooleanProperty failedProperty() {
    return failed;
  }

  /**
   * Writes a de-identified copy of session {@code id} into {@code folder} (one share at a time).
   */
  public void share(long id, String title, Path folder) {
    if (running.get()) {
      return;
    }
    AtomicBoolean stop = new AtomicBoolean();
    cancelled = stop;
    running.set(true);
    failed.set(false);
    progress.set(-1);
    status.set(i18n.get("share.running", title, folder));
    executor.background(
        () -> {
          try {
            SessionShare.Outcome outcome = write(id, folder, stop);
            audit.append(
                AuditRepository.Action.SHARE,
                "session " + id,
                "desktop: de-identified copy to " + folder.toAbsolutePath().normalize());
            String summary = summary(outcome, folder);
            executor.ui(() -> finished(summary, false));
          } catch (ShareCancelledException e) {
            executor.ui(() -> finished(i18n.get("share.cancelled", folder), true));
          } catch (ShareRefusal e) {
            executor.ui(() -> finished(e.getMessage(), true));
          } catch (StoreException e) {
            executor.ui(() -> finished(i18n.get("share.storeFailed", e.getMessage()), true));
          } catch (MediaException e) {
            executor.ui(() -> finished(i18n.get("share.mediaFailed", e.getMessage()), true));
          } catch (ModelException e) {
            executor.ui(() -> finished(i18n.get("share.detectorFailed", e.getMessage()), true));
          } catch (IOException e) {
            executor.ui(() -> finished(i18n.get("share.writeFailed", folder, e), true));
          }
        });
  }

  /** Stops the share under way; the half-written media copy is removed. */
  public void cancel() {
    cancelled.set(true);
  }

  private SessionShare.Outcome write(long id, Path folder, AtomicBoolean stop)
      throws StoreException, ShareRefusal, MediaException, ModelException, IOException {
    SessionSummary summary =
        store
            .sessions()
            .summary(id)
            .orElseThrow(() -> new ShareRefusal(i18n.get("share.noSession", id)));
    if (!"done".equals(summary.status())) {
      throw new ShareRefusal(i18n.get("share.notDone", summary.title()));
    }
    StoredSession loaded =
        store
            .sessions()
            .load(id)
            .orElseThrow(() -> new ShareRefusal(i18n.get("share.noSession", id)));
    SessionResult session = loaded.result();
    SessionShare.Options options = SessionShare.Options.defaults();
    if (SessionShare.writesMedia(session, options)
        && !Files.isRegularFile(Path.of(session.media().path()))) {
      throw new ShareRefusal(i18n.get("share.mediaMissing", session.media().path()));
    }
    Files.createDirectories(folder);
    double[] shown = {-1};
    return SessionShare.write(
        id,
        session,
        folder,
        options,
        detector,
        (done, total, stage) -> {
          if (stop.get()) {
            throw new ShareCancelledException();
          }
          double fraction = total > 0 ? Math.min(1, done / total) : -1;
          if (Math.abs(fraction - shown[0]) >= 0.01) {
            shown[0] = fraction;
            executor.ui(() -> progress.set(fraction));
          }
        });
  }

  private String summary(SessionShare.Outcome outcome, Path folder) {
    List<String> kinds = new ArrayList<>();
    for (PiiKind kind : PiiKind.values()) {
      int n = outcome.text().countByKind().getOrDefault(kind, 0);
      if (n > 0) {
        kinds.add(i18n.get("share.kind." + kind.name(), n));
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(i18n.get("share.done", folder));
    lines.add(
        kinds.isEmpty()
            ? i18n.get("share.removed.none")
            : i18n.get(
                "share.removed.transcript",
                outcome.text().redactions().size(),
                String.join(i18n.get("share.separator"), kinds)));
    MediaDeidentifier.Outcome media = outcome.media();
    if (media == null) {
      lines.add(i18n.get("share.removed.noMedia"));
    } else {
      if (media.videoWritten()) {
        lines.add(i18n.get("share.removed.faces", media.framesWithFaces(), media.frames()));
        if (media.frames() > media.framesWithFaces()) {
          lines.add(i18n.get("share.check", media.frames() - media.framesWithFaces()));
        }
      }
      lines.add(
          i18n.get(
              outcome.voice() == VoiceTreatment.SHIFT
                  ? "share.removed.voiceShifted"
                  : "share.removed.voiceRemoved"));
    }
    lines.add(i18n.get("share.manifest", SessionShare.MANIFEST));
    return String.join("\n", lines);
  }

  private void finished(String text, boolean failure) {
    running.set(false);
    failed.set(failure);
    progress.set(failure ? 0 : 1);
    status.set(text);
  }

  /** A share refused before anything was written, with the reason in the user's language. */
  private static final class ShareRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    ShareRefusal(String message) {
      super(message);
    }
  }
}
