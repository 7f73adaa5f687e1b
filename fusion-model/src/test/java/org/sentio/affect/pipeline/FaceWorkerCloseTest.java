package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.TestImages;
import org.sentio.capture.media.VideoFrame;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * The face worker stopped by an interrupted thread (a killed Spark task, a cancelled analysis)
 * while its thread is still busy with a frame: the face analyzer is closed right after the worker,
 * so the worker's close must not return before its thread has ended. It used to give up at the
 * interrupt and let the analyzer's sessions be freed under the running frame.
 */
@Timeout(120)
class FaceWorkerCloseTest {
  @Test
  void anInterruptedCloseStillWaitsForTheFrameInHand() throws Exception {
    TestImages.Frame astronaut = TestImages.readBgr(TestImages.face("astronaut.png"));
    ModelRegistry registry = new ModelRegistry(TestImages.modelsDir(), "reinstall");
    CountDownLatch frameInHand = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread closing = Thread.currentThread();
    Thread releaser =
        new Thread(
            () -> {
              try {
                frameInHand.await();
                // The frame is let go only once the closing thread waits for the worker.
                while (closing.getState() != Thread.State.WAITING
                    && closing.getState() != Thread.State.TERMINATED) {
                  Thread.onSpinWait();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                release.countDown();
              }
            },
            "releases-the-frame");
    try (FaceAnalyzer face = FaceAnalyzer.open(OnnxHost.start(DevicePreference.CPU, 1), registry)) {
      FaceWorker worker =
          new FaceWorker(
              face,
              (seconds, faces) -> {
                frameInHand.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      try {
        worker.submit(new VideoFrame(0, astronaut.width(), astronaut.height(), astronaut.bgr()));
        worker.submit(new VideoFrame(0.04, astronaut.width(), astronaut.height(), astronaut.bgr()));
        assertThat(frameInHand.await(60, TimeUnit.SECONDS)).isTrue();
        releaser.start();

        closing.interrupt();
        worker.close();

        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        assertThat(worker.running()).as("the worker's thread has ended").isFalse();
      } finally {
        Thread.interrupted();
        release.countDown();
        releaser.join();
      }
    }
  }
}
