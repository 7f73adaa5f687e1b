package org.sentio.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreEncryption;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoreKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio store key status|export|import}: the key of the store's encrypted fields. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "The session store itself: the key of its encrypted transcripts.",
    subcommands = {StoreCommand.Key.class})
public final class StoreCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError(
        "store: say key status, key export or key import (see sentio store --help)");
  }

  /** {@code sentio store key}. */
  @Command(
      name = "key",
      mixinStandardHelpOptions = true,
      description =
          "Transcripts in the store are encrypted (AES-256-GCM) with a key kept in the OS keyring,"
              + " or in a key file readable only by you where there is none. Keep a recovery key:"
              + " without it, a lost key makes the transcripts unreadable.",
      subcommands = {Key.Status.class, Key.Export.class, Key.Import.class})
  static final class Key implements Callable<Integer> {
    @Override
    public Integer call() throws UserError {
      throw new UserError("store key: say status, export or import (see sentio store key --help)");
    }

    /** {@code sentio store key status}: exit 0 when the key opens the store, 3 when not. */
    @Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
            "Say where the store's key is kept and whether it opens the store (exit 0), or what is"
                + " missing and what to do (exit 3).")
    static final class Status implements Callable<Integer> {
      static final int EXIT_LOCKED = 3;

      @Mixin CommonOptions common;

      @Override
      public Integer call() throws UserError {
        StoreEncryption.Status status;
        try (SessionStore store = common.openStore()) {
          status = StoreEncryption.status(store);
        } catch (StoreException e) {
          throw new UserError(e.getMessage(), e);
        }
        String line = status.describe(StoreKeys.forThisUser());
        if (status.keyFound() && status.keyMatches()) {
          System.out.println(line);
          return 0;
        }
        System.err.println("sentio: " + line);
        return EXIT_LOCKED;
      }
    }

    /** {@code sentio store key export --out FILE}. */
    @Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
            "Write the recovery key to a new FILE (readable only by you). Keep it away from this"
                + " computer: a USB stick, a password manager, a printout in a safe.")
    static final class Export implements Callable<Integer> {
      @Mixin CommonOptions common;

      @Option(
          names = "--out",
          paramLabel = "FILE",
          required = true,
          description = "New file to write (an existing file is never overwritten).")
      Path out;

      @Override
      public Integer call() throws UserError {
        try (SessionStore store = common.openStore()) {
          StoreEncryption.exportRecoveryKey(store, out);
        } catch (StoreException e) {
          throw new UserError(e.getMessage(), e);
        }
        System.out.println(
            "Wrote the recovery key to "
                + out.toAbsolutePath()
                + ". Anyone with it can read the transcripts of this store: keep it away from this"
                + " computer.");
        return 0;
      }
    }

    /** {@code sentio store key import FILE}. */
    @Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description =
            "Keep the key in a recovery FILE (written by export) for this store, after checking"
                + " that it opens the store.")
    static final class Import implements Callable<Integer> {
      @Mixin CommonOptions common;

      @Parameters(paramLabel = "FILE", description = "The recovery key file.")
      Path file;

      @Override
      public Integer call() throws UserError {
        String where;
        try (SessionStore store = common.openStore()) {
          where = StoreEncryption.importRecoveryKey(store, file);
        } catch (StoreException e) {
          throw new UserError(e.getMessage(), e);
        }
        System.out.println("The recovery key opens this store; its key is kept in " + where + ".");
        return 0;
      }
    }
  }
}
