package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The voice branch's own thread (ADR 0056): every block in stream order, failures passed on. */
@Timeout(60)
class AudioWorkerTest {
  @Test
  void everyBlockIsAnalysedInOrderBeforeFinishReturns() throws Exception {
    List<Float> seen = new ArrayList<>();
    try (AudioWorker worker = new AudioWorker(block -> seen.add(block[0]))) {
      for (int i = 0; i < 500; i++) {
        worker.submit(new float[] {i});
      }
      worker.finish();
    }
    assertThat(seen).hasSize(500);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)).isEqualTo((float) i);
    }
  }

  @Test
  void aFailureOfTheBranchReachesTheDecodingThread() throws Exception {
    try (AudioWorker worker =
        new AudioWorker(
            block -> {
              if (block[0] == 4) {
                throw new IllegalStateException("voice model failed on block 4");
              }
            })) {
      // The failing block is the last one submitted, so no submit can see the failure first.
      for (int i = 0; i < 5; i++) {
        worker.submit(new float[] {i});
      }
      assertThatThrownBy(worker::finish).hasMessage("voice model failed on block 4");
      assertThatThrownBy(() -> worker.submit(new float[] {6}))
          .hasMessage("voice model failed on block 4");
    }
  }
}
