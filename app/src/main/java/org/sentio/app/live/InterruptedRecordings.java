package org.sentio.app.live;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;

/**
 * Tells a recording in progress from one whose process died. While it records, a live session holds
 * an operating-system lock on a file beside its media ({@code live-….mkv.lock}), taken before the
 * session is stored; the system drops the lock when the process dies, even by {@code kill -9}.
 * {@link #settle} marks each stored recording whose lock nobody holds as failed ("interrupted"),
 * keeping its windows and its playable file, so that it is never shown as finished.
 */
public final class InterruptedRecordings {
  static final String LOCK_SUFFIX = ".lock";

  private InterruptedRecordings() {}

  /** The lock a recording holds for as long as it runs. */
  public static final class Hold implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private Hold(Path file, FileChannel channel, FileLock lock) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    /** Releases the lock and removes its file. */
    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the lock dies with the channel; a left file without a lock reads as "not running"
      }
    }
  }

  /**
   * Takes the lock of the recording to {@code media}.
   *
   * @throws CaptureException when the lock file cannot be written or is held already
   */
  public static Hold hold(Path media) throws CaptureException {
    Path file = lockFile(media);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new CaptureException(file + ": another process is recording to this file", null);
      }
      return new Hold(file, channel, lock);
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new CaptureException(
          file + ": cannot lock the recording (" + e.getMessage() + "); check the folder", e);
    }
  }

  /**
   * Marks every stored recording that no process is recording any more as failed, with how far it
   * got; returns their ids.
   */
  public static List<Long> settle(SessionStore store) throws StoreException {
    List<Long> settled = new ArrayList<>();
    for (LibraryEntry entry : store.sessions().libraryEntries()) {
      if (!entry.recording()) {
        continue;
      }
      StoredSession session = store.sessions().load(entry.id()).orElse(null);
      if (session == null) {
        continue;
      }
      MediaSummary media = session.result().media();
      if (media != null && !media.path().isBlank() && recordingNow(Path.of(media.path()))) {
        continue;
      }
      String failure =
          String.format(
              Locale.ROOT,
              "the recording was interrupted (the app stopped) after %.1f s; the windows and"
                  + " the video up to then are kept",
              session.result().durationSeconds());
      if (store.liveSessions().markInterrupted(entry.id(), failure)) {
        settled.add(entry.id());
      }
      if (media != null && !media.path().isBlank()) {
        try {
          Files.deleteIfExists(lockFile(Path.of(media.path())));
        } catch (IOException e) {
          // a stale lock file without a lock reads as "not running" next time too
        }
      }
    }
    return settled;
  }

  /** Whether a process holds the lock of the recording to {@code media}. */
  static boolean recordingNow(Path media) {
    Path file = lockFile(media);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very process records it
    } catch (IOException e) {
      return false;
    }
  }

  static Path lockFile(Path media) {
    return media.resolveSibling(media.getFileName() + LOCK_SUFFIX);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }
}
