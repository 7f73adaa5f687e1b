package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import org.sentio.reports.Format;
import org.sentio.reports.ReportLanguage;
import org.sentio.reports.ReportOptions;
import org.sentio.reports.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sentio report ID --format pdf,html --out DIR [--lang en|zh-CN] [--clinical]}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write a stored session's report as PDF and/or HTML: summary, charts, transcript with"
            + " per-utterance emotion, models and settings.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin SessionOutput session;

  @Option(
      names = "--format",
      paramLabel = "FORMATS",
      defaultValue = "pdf,html",
      description = "Comma-separated: pdf, html (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "en",
      description = "Report language: en or zh-CN (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(
      names = "--clinical",
      description = "Clinical variant: print \"Decision support — not a diagnosis\" on every page.")
  boolean clinical;

  @Override
  public Integer call() throws UserError, StoreException {
    ReportLanguage language;
    try {
      language = ReportLanguage.parse(lang);
    } catch (IllegalArgumentException e) {
      throw new UserError("--lang: " + e.getMessage(), e);
    }
    ReportOptions options = ReportOptions.DEFAULT.withLanguage(language).withClinical(clinical);
    return write(common, session.id, formats(format, Format.reports()), session.out, options);
  }

  // Shared with ExportCommand: load a stored session, write its files.

  static Set<Format> formats(String text, Set<Format> allowed) throws UserError {
    try {
      return Format.parseList(text, allowed);
    } catch (IllegalArgumentException e) {
      throw new UserError("--format: " + e.getMessage(), e);
    }
  }

  static int write(
      CommonOptions common, long id, Set<Format> formats, Path out, ReportOptions options)
      throws UserError, StoreException {
    StoredSession session;
    try (SessionStore store = common.openStore()) {
      SessionSummary summary =
          store.sessions().summary(id).orElseThrow(() -> SessionsCommand.noSuchSession(id));
      if (!"done".equals(summary.status())) {
        throw new UserError(
            "session " + id + " failed (" + summary.failure() + "): there is nothing to write");
      }
      session = store.sessions().load(id).orElseThrow(() -> SessionsCommand.noSuchSession(id));
    }
    OutputFolder.prepare(out);
    List<Path> written;
    try {
      written = Reports.write(id, session.result(), formats, out, options);
      try (SessionStore store = common.openStore()) {
        AuditTrail.record(
            store,
            AuditRepository.Action.EXPORT,
            id,
            Format.names(formats) + " to " + out.toAbsolutePath().normalize());
      }
    } catch (IOException e) {
      throw new UserError(
          out.toAbsolutePath()
              + ": cannot write "
              + Format.names(formats)
              + " ("
              + OutputFolder.reason(e)
              + "); choose another folder with --out",
          e);
    }
    for (Path file : written) {
      System.out.println("Wrote " + file);
    }
    return 0;
  }
}
