package org.sentio.affect.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Scalar operands for DJL's PyTorch autograd. DJL's operators that take a {@link Number} (such as
 * {@code mul(2f)}, {@code div(n)}, {@code maximum(0f)}) wrap it in a tensor over a Java direct
 * buffer and close that tensor before returning, while autograd keeps it for the backward pass.
 * When the garbage collector frees the buffer in between, the backward pass reads freed memory:
 * retrains then differ from run to run, and some diverge. A scalar made here lives in {@code
 * manager} until the manager closes, after the backward pass.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a tensor owned by {@code manager}. */
  public static NDArray of(NDManager manager, float value) {
    return manager.create(value);
  }
}
