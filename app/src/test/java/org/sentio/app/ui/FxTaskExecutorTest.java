package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A page's background work can answer after its window closed (the Models page verifies every
 * model's checksum, which takes tens of seconds on a busy machine). The answer must be dropped, not
 * thrown on the FX thread as "rejected from a terminated executor".
 */
class FxTaskExecutorTest {

  @Test
  void workAndUpdatesArrivingAfterCloseAreDropped() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxTaskExecutor executor = new FxTaskExecutor(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean updated = new AtomicBoolean();
    AtomicBoolean lateWorkRan = new AtomicBoolean();
    executor.background(
        () -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          executor.ui(
              () -> {
                updated.set(true);
                executor.background(() -> lateWorkRan.set(true));
              });
        });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    // close() interrupts the worker and waits for it, so its update is queued before close returns
    Platform.runLater(executor::close);
    WaitForAsyncUtils.waitForFxEvents();
    release.countDown();
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(updated).as("the update of a closed page").isFalse();
    assertThatCode(() -> executor.background(() -> lateWorkRan.set(true)))
        .doesNotThrowAnyException();
    assertThat(lateWorkRan).isFalse();
  }
}
