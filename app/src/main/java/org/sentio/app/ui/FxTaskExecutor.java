package org.sentio.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Background work on a small pool of daemon threads; UI updates through Platform.runLater. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);
  private final ExecutorService pool;
  private volatile boolean closed;

  public FxTaskExecutor(int threads) {
    AtomicInteger count = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "sentio-worker-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void background(Runnable work) {
    if (closed) {
      // a late answer of a page that is gone (e.g. a checksum verified after the window closed)
      LOG.debug("background work submitted after close is dropped");
      return;
    }
    try {
      pool.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              LOG.error("background task failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("background work submitted while closing is dropped");
    }
  }

  @Override
  public void ui(Runnable update) {
    Runnable unlessClosed =
        () -> {
          if (!closed) {
            update.run();
          }
        };
    if (Platform.isFxApplicationThread()) {
      unlessClosed.run();
    } else {
      Platform.runLater(unlessClosed);
    }
  }

  @Override
  public void close() {
    closed = true;
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
