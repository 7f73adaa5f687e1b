package org.sentio.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session closed by its owner while another thread still runs it (a face worker whose stream is
 * being closed): ONNX Runtime's own close would free the native session under the run. The close
 * waits for the run in flight, and the thread's next run fails with a clear error.
 */
@Timeout(120)
class ModelSessionCloseTest {
  @TempDir Path models;

  @Test
  void closingWhileAnotherThreadRunsItEndsThatThreadsRunsWithAClearError() throws Exception {
    InstalledModel model = TinyModels.affine(models.resolve("affine"));
    ModelSession session =
        OnnxHost.start(DevicePreference.CPU, 1).open(new ModelRegistry(models, "hint"), model);
    int rows = 50_000;
    float[] x = new float[rows * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 7;
    }
    Map<String, Tensor> inputs = Map.of("x", Tensor.ofFloats(new long[] {rows, 3}, x));
    CountDownLatch firstRunDone = new CountDownLatch(1);
    AtomicInteger wrongOutputs = new AtomicInteger();
    AtomicReference<Throwable> ended = new AtomicReference<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                while (true) {
                  float[] y = session.run(inputs).get("y").floats();
                  if (y.length != x.length || y[y.length - 1] != 2 * x[x.length - 1] + 1) {
                    wrongOutputs.incrementAndGet();
                  }
                  firstRunDone.countDown();
                }
              } catch (Throwable e) {
                ended.set(e);
              }
            },
            "runs-until-closed");
    runner.start();
    assertThat(firstRunDone.await(60, TimeUnit.SECONDS)).isTrue();

    session.close();
    runner.join(TimeUnit.SECONDS.toMillis(60));

    assertThat(runner.isAlive()).isFalse();
    assertThat(wrongOutputs).hasValue(0);
    assertThat(ended.get())
        .isInstanceOf(ModelException.class)
        .hasMessage("affine: the session was closed before this run; the analysis was stopped");
    assertThatThrownBy(() -> session.run(inputs)).isInstanceOf(ModelException.class);
    session.close();
  }
}
