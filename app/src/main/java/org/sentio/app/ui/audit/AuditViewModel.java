package org.sentio.app.ui.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sentio.app.audit.AuditExport;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.StoreException;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;

/**
 * The audit page's state: the log's entries newest first, the last verification (intact, or broken
 * with the first bad entry) and the last export. The store is read and files written off the JavaFX
 * thread.
 */
public final class AuditViewModel {
  /** What the last verification found: not yet run, intact, or broken. */
  public enum ChainState {
    UNKNOWN,
    INTACT,
    BROKEN
  }

  private final AuditRepository audit;
  private final TaskExecutor executor;
  private final I18n i18n;

  private final ObservableList<AuditRepository.Entry> entries = FXCollections.observableArrayList();
  private final ObjectProperty<ChainState> chain = new SimpleObjectProperty<>(ChainState.UNKNOWN);
  private final StringProperty verifyStatus = new SimpleStringProperty("");
  private final StringProperty exportStatus = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);

  public AuditViewModel(AuditRepository audit, TaskExecutor executor, I18n i18n) {
    this.audit = audit;
    this.executor = executor;
    this.i18n = i18n;
  }

  /** The entries, newest first. */
  public ObservableList<AuditRepository.Entry> entries() {
    return entries;
  }

  public ObjectProperty<ChainState> chainProperty() {
    return chain;
  }

  public StringProperty verifyStatusProperty() {
    return verifyStatus;
  }

  public StringProperty exportStatusProperty() {
    return exportStatus;
  }

  /** True while the store is read or a file written. */
  public BooleanProperty busyProperty() {
    return busy;
  }

  /** Reads the log again. */
  public void refresh() {
    executor.background(
        () -> {
          try {
            List<AuditRepository.Entry> read = new ArrayList<>(audit.entries());
            Collections.reverse(read);
            executor.ui(() -> entries.setAll(read));
          } catch (StoreException e) {
            executor.ui(() -> verifyStatus.set(i18n.get("audit.readFailed", e.getMessage())));
          }
        });
  }

  /** Recomputes the hash chain (and compares it with the recorded head); reads the log again. */
  public void verify() {
    busy.set(true);
    executor.background(
        () -> {
          try {
            AuditRepository.Verification v = audit.verify();
            List<AuditRepository.Entry> read = new ArrayList<>(audit.entries());
            Collections.reverse(read);
            executor.ui(
                () -> {
                  busy.set(false);
                  entries.setAll(read);
                  chain.set(v.intact() ? ChainState.INTACT : ChainState.BROKEN);
                  verifyStatus.set(describe(v));
                });
          } catch (StoreException e) {
            executor.ui(
                () -> {
                  busy.set(false);
                  chain.set(ChainState.UNKNOWN);
                  verifyStatus.set(i18n.get("audit.readFailed", e.getMessage()));
                });
          }
        });
  }

  /** The verification in the page's language. */
  public String describe(AuditRepository.Verification v) {
    if (v.intact()) {
      return i18n.get("audit.verify.intact", v.entries(), v.head());
    }
    String why = i18n.get("audit.break." + v.kind().name(), v.firstBadEntry());
    return v.firstBadEntry() > 0
        ? i18n.get("audit.verify.broken", v.firstBadEntry(), why, v.entries())
        : i18n.get("audit.verify.brokenHead", why, v.entries());
  }

  /**
   * Writes every entry, oldest first and verified first, to {@code file}: CSV for a *.csv file,
   * else JSON lines (as {@code sentio audit export}).
   */
  public void export(Path file) {
    busy.set(true);
    exportStatus.set(i18n.get("audit.export.running", file));
    executor.background(
        () -> {
          try {
            AuditRepository.Verification v = audit.verify();
            List<AuditRepository.Entry> all = audit.entries();
            AuditExport.write(all, file, AuditExport.Format.forFile(file));
            String done =
                i18n.get("audit.export.done", all.size(), file)
                    + (v.intact() ? "" : "\n" + describe(v));
            executor.ui(
                () -> {
                  busy.set(false);
                  exportStatus.set(done);
                });
          } catch (StoreException | IOException e) {
            executor.ui(
                () -> {
                  busy.set(false);
                  exportStatus.set(i18n.get("audit.export.failed", file, e.getMessage()));
                });
          }
        });
  }

  /** When an entry was written, in the page's locale and the machine's time zone. */
  public String timeText(AuditRepository.Entry e) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(i18n.locale())
        .withZone(ZoneId.systemDefault())
        .format(e.at());
  }

  /** The action in the page's language. */
  public String actionText(AuditRepository.Entry e) {
    return i18n.get("audit.action." + e.action().name().toLowerCase(Locale.ROOT));
  }
}
