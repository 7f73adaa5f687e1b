package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sentio.app.audit.AuditExport;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sentio audit show|verify|export}: the store's hash-chained audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "The audit log: who opened, revealed, exported, shared or deleted which session, and when;"
            + " each entry chained to the one before by SHA-256.",
    subcommands = {AuditCommand.Show.class, AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand implements Callable<Integer> {
  /** Exit code of {@code verify} when the chain is broken. */
  static final int EXIT_BROKEN = 3;

  @Override
  public Integer call() throws UserError {
    throw new UserError("audit: say show, verify or export (see sentio audit --help)");
  }

  /** {@code sentio audit show}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "List the audit log.")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws UserError, StoreException {
      List<AuditRepository.Entry> entries;
      try (SessionStore store = common.openStore();
          AuditRepository audit = AuditRepository.open(store)) {
        entries = audit.entries();
      }
      if (entries.isEmpty()) {
        System.out.println("The audit log is empty.");
      }
      for (AuditRepository.Entry e : entries) {
        System.out.printf(
            "%5d  %s  %-12s %-7s %-12s %s%n",
            e.seq(),
            e.at(),
            e.osUser(),
            e.action().name().toLowerCase(java.util.Locale.ROOT),
            e.subject(),
            e.detail());
      }
      return 0;
    }
  }

  /** {@code sentio audit verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Recompute the hash chain. Exit 0 when it holds, 3 when an entry was edited or removed."
              + " Keep the printed head hash: entries cut off the end show only against it.")
  static final class Verify implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws UserError, StoreException {
      AuditRepository.Verification v;
      try (SessionStore store = common.openStore();
          AuditRepository audit = AuditRepository.open(store)) {
        v = audit.verify();
      }
      if (!v.intact()) {
        System.err.println(
            "sentio: the audit log was tampered with: "
                + v.problem()
                + "; the "
                + v.entries()
                + " entries before it are intact");
        return EXIT_BROKEN;
      }
      System.out.println("The audit log is intact: " + v.entries() + " entries, head " + v.head());
      return 0;
    }
  }

  /** {@code sentio audit export --out FILE}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write the audit log as JSON lines (one entry per line) or CSV, with the hashes, verified"
              + " first.")
  static final class Export implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "File to write.")
    Path out;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "json (JSON lines) or csv; by default csv for a *.csv file, else json.")
    String format;

    @Override
    public Integer call() throws UserError, StoreException {
      List<AuditRepository.Entry> entries;
      AuditRepository.Verification v;
      try (SessionStore store = common.openStore();
          AuditRepository audit = AuditRepository.open(store)) {
        v = audit.verify();
        entries = audit.entries();
      }
      AuditExport.Format chosen;
      if (format == null) {
        chosen = AuditExport.Format.forFile(out);
      } else {
        try {
          chosen = AuditExport.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new UserError("--format: '" + format + "' is not one of json, csv", e);
        }
      }
      try {
        AuditExport.write(entries, out, chosen);
      } catch (IOException e) {
        throw new UserError(
            out.toAbsolutePath() + ": cannot write (" + OutputFolder.reason(e) + ")", e);
      }
      System.out.println("Wrote " + entries.size() + " entries to " + out);
      if (!v.intact()) {
        System.err.println("sentio: the audit log was tampered with: " + v.problem());
        return EXIT_BROKEN;
      }
      return 0;
    }
  }
}
