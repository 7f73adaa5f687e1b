package org.sentio.app.store;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the keys of session stores are kept (ADR 0032): in the OS keyring (Secret Service over
 * D-Bus on Linux, the macOS Keychain, the Windows Credential Manager, through java-keyring) where
 * one answers, otherwise as one file per store, readable by this user only, in the per-user
 * configuration folder ({@code $XDG_CONFIG_HOME/sentio/keys} or {@code ~/.config/sentio/keys} on
 * Linux, {@code %LOCALAPPDATA%\Sentio\keys} on Windows, {@code ~/Library/Preferences/Sentio/keys}
 * on macOS), never in the data or installation folder. {@code $SENTIO_KEY_DIR} names another folder
 * and keeps keys as files there, without the keyring.
 *
 * <p>Asking for the keyring is done once per process and bounded: where there is none it can take
 * seconds to fail. On Linux it is not asked at all without a local D-Bus session bus, so a headless
 * run opens no socket of any kind.
 */
public final class StoreKeys {
  public static final String FOLDER_VARIABLE = "SENTIO_KEY_DIR";
  static final String KEYRING_SERVICE = "Sentio session store";
  private static final long KEYRING_WAIT_SECONDS = 5;
  private static volatile StoreKeys forThisUser;

  private final Path folder;
  private final String keyringAbsence;

  /** A key as found: its bytes and where it was. */
  record Found(byte[] key, String where) {}

  private StoreKeys(Path folder, String keyringAbsence) {
    this.folder = folder;
    this.keyringAbsence = keyringAbsence;
  }

  /** This user's keys: the keyring when one answers (asked once per process), else files. */
  public static StoreKeys forThisUser() {
    StoreKeys keys = forThisUser;
    if (keys == null) {
      synchronized (StoreKeys.class) {
        keys = forThisUser;
        if (keys == null) {
          keys = locate(System.getenv(), System.getProperty("os.name"), homeFolder());
          forThisUser = keys;
        }
      }
    }
    return keys;
  }

  static StoreKeys locate(Map<String, String> env, String osName, Path home) {
    String override = env.get(FOLDER_VARIABLE);
    if (override != null && !override.isBlank()) {
      return new StoreKeys(
          Path.of(override).toAbsolutePath(), "$" + FOLDER_VARIABLE + " asks for key files");
    }
    return new StoreKeys(defaultFolder(env, osName, home), probeKeyring(env, osName));
  }

  static Path defaultFolder(Map<String, String> env, String osName, Path home) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      Path base =
          local != null && !local.isBlank()
              ? Path.of(local)
              : home.resolve("AppData").resolve("Local");
      return base.resolve("Sentio").resolve("keys");
    }
    if (os.startsWith("mac")) {
      return home.resolve("Library").resolve("Preferences").resolve("Sentio").resolve("keys");
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg).resolve("sentio").resolve("keys");
    }
    return home.resolve(".config").resolve("sentio").resolve("keys");
  }

  /** Null when the keyring answers, else why it is not used. */
  private static String probeKeyring(Map<String, String> env, String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (!os.startsWith("windows") && !os.startsWith("mac")) {
      String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
      if (bus == null || bus.isBlank()) {
        return "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)";
      }
      // Only a local (unix:) bus: a tcp: address would be a network socket.
      if (Arrays.stream(bus.split(";")).anyMatch(a -> !a.startsWith("unix:"))) {
        return "the D-Bus session bus is not a local socket (" + bus + ")";
      }
    }
    try {
      withKeyring(keyring -> null);
      return null;
    } catch (KeyringUnavailable e) {
      return e.getMessage();
    }
  }

  private static final class KeyringUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    KeyringUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private interface KeyringWork<T> {
    T run(Keyring keyring) throws PasswordAccessException;
  }

  /** Runs {@code work} on a keyring opened for it, on a daemon thread, waiting at most 5 s. */
  private static <T> T withKeyring(KeyringWork<T> work) throws KeyringUnavailable {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sentio-keyring");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<T> result =
          thread.submit(
              () -> {
                try (Keyring keyring = Keyring.create()) {
                  return work.run(keyring);
                }
              });
      return result.get(KEYRING_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new KeyringUnavailable(
          "the OS keyring did not answer within " + KEYRING_WAIT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String what =
          cause instanceof BackendNotSupportedException
              ? "no OS keyring available"
              : "the OS keyring failed";
      throw new KeyringUnavailable(what + " (" + cause.getMessage() + ")", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyringUnavailable("interrupted while asking the OS keyring", e);
    } finally {
      thread.shutdownNow();
    }
  }

  private static Path homeFolder() {
    String home = System.getenv("HOME");
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    return !windows && home != null && !home.isBlank()
        ? Path.of(home)
        : Path.of(System.getProperty("user.home"));
  }

  /** Whether keys go to the OS keyring (else to files). */
  public boolean usesKeyring() {
    return keyringAbsence == null;
  }

  /** The folder of key files (used without a keyring, and read even with one). */
  public Path folder() {
    return folder;
  }

  /** Where this user's store keys are kept, in a sentence. */
  public String describe() {
    return usesKeyring()
        ? "the OS keyring (service \"" + KEYRING_SERVICE + "\")"
        : "key files readable only by you in "
            + folder
            + " (no OS keyring: "
            + keyringAbsence
            + ")";
  }

  Path keyFile(String storeId) {
    return folder.resolve(storeId + ".key");
  }

  private static String account(String storeId) {
    return "store " + storeId;
  }

  /** The key of store {@code storeId}: the keyring first (when used), then its key file. */
  Optional<Found> find(String storeId) throws StoreException {
    if (usesKeyring()) {
      try {
        String stored =
            withKeyring(
                keyring -> {
                  try {
                    return keyring.getPassword(KEYRING_SERVICE, account(storeId));
                  } catch (PasswordAccessException notThere) {
                    return null;
                  }
                });
        if (stored != null) {
          return Optional.of(new Found(decode(stored, "the OS keyring"), "the OS keyring"));
        }
      } catch (KeyringUnavailable e) {
        // the key file may still hold it
      }
    }
    Path file = keyFile(storeId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return Optional.of(new Found(decode(text, file.toString()), file.toString()));
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read the store key (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] decode(String stored, String where) throws StoreException {
    try {
      byte[] key = Base64.getDecoder().decode(stored.strip());
      if (key.length == FieldCipher.KEY_BYTES) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new StoreException(
        where
            + ": the store key there is damaged (not 32 bytes of base64); import the recovery key"
            + " with `sentio store key import FILE`",
        null);
  }

  /**
   * Keeps {@code key} for store {@code storeId} and says where: the keyring when used, else a new
   * key file (written aside, then moved in). A different key file already there is kept beside as
   * {@code ID.key.replaced-MILLIS}, never overwritten.
   */
  String save(String storeId, byte[] key) throws StoreException {
    String encoded = Base64.getEncoder().encodeToString(key);
    if (usesKeyring()) {
      try {
        withKeyring(
            keyring -> {
              keyring.setPassword(KEYRING_SERVICE, account(storeId), encoded);
              return null;
            });
        return "the OS keyring";
      } catch (KeyringUnavailable e) {
        // fall back to a key file, said in the returned place
      }
    }
    Path file = keyFile(storeId);
    try {
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (posix) {
        Files.createDirectories(
            folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(folder);
      }
      Path aside = folder.resolve(storeId + ".key.new");
      Files.deleteIfExists(aside);
      if (posix) {
        Files.createFile(
            aside,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(aside);
      }
      Files.writeString(aside, encoded + "\n", StandardCharsets.US_ASCII);
      if (Files.exists(file)
          && !Files.readString(file, StandardCharsets.US_ASCII).strip().equals(encoded)) {
        Files.move(file, folder.resolve(storeId + ".key.replaced-" + System.currentTimeMillis()));
      }
      try {
        Files.move(
            aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file.toString();
    } catch (IOException e) {
      throw new StoreException(
          file
              + ": cannot write the store key ("
              + e.getMessage()
              + "); make the folder writable or set $"
              + FOLDER_VARIABLE
              + " to another",
          e);
    }
  }
}
