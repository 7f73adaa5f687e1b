package org.sentio.affect.train;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs training while another thread keeps the garbage collector busy, so that collections fall
 * between forward and backward passes: memory that autograd still needs must not be freed by them
 * (see {@link Scalars}). Without that care, a retrain under collection differs from one without.
 */
public final class GarbageCollection {
  private GarbageCollection() {}

  public static <T> T during(Supplier<T> training) throws InterruptedException {
    AtomicBoolean done = new AtomicBoolean();
    Thread collector =
        new Thread(
            () -> {
              while (!done.get()) {
                System.gc();
              }
            },
            "gc-pressure");
    collector.start();
    try {
      return training.get();
    } finally {
      done.set(true);
      collector.join();
    }
  }
}
