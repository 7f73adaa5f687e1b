package org.sentio.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Background work on a small pool of daemon threads; UI updates through Platform.runLater. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);
  private final ExecutorService pool;

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
    pool.execute(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            LOG.error("background task failed", e);
          }
        });
  }

  @Override
  public void ui(Runnable update) {
    if (Platform.isFxApplicationThread()) {
      update.run();
    } else {
      Platform.runLater(update);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
