package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NonMaxSuppressionTest {
  private static final FaceBox A = new FaceBox(0, 0, 10, 10);
  private static final FaceBox A_SHIFTED = new FaceBox(1, 0, 10, 10); // IoU with A = 90/110
  private static final FaceBox A_HALF = new FaceBox(5, 0, 10, 10); // IoU with A = 50/150
  private static final FaceBox FAR = new FaceBox(100, 100, 10, 10);

  static Stream<Arguments> tables() {
    return Stream.of(
        // boxes, scores, iou threshold, min score, max outputs, expected indices
        Arguments.of(
            List.of(A, A_SHIFTED, FAR), new double[] {0.9, 0.8, 0.7}, 0.3, 0.5, 10, List.of(0, 2)),
        Arguments.of(
            List.of(A, A_SHIFTED, FAR), new double[] {0.8, 0.9, 0.7}, 0.3, 0.5, 10, List.of(1, 2)),
        Arguments.of(List.of(A, A_HALF), new double[] {0.9, 0.8}, 0.3, 0.5, 10, List.of(0)),
        Arguments.of(List.of(A, A_HALF), new double[] {0.9, 0.8}, 0.5, 0.5, 10, List.of(0, 1)),
        Arguments.of(List.of(A, FAR), new double[] {0.4, 0.6}, 0.3, 0.5, 10, List.of(1)),
        Arguments.of(List.of(A, FAR), new double[] {0.9, 0.8}, 0.3, 0.5, 1, List.of(0)),
        Arguments.of(List.of(A, FAR), new double[] {0.7, 0.7}, 0.3, 0.5, 10, List.of(0, 1)),
        Arguments.of(List.of(), new double[] {}, 0.3, 0.5, 10, List.of()),
        Arguments.of(List.of(A, A), new double[] {0.6, 0.9}, 0.99, 0.5, 10, List.of(1)));
  }

  @ParameterizedTest(name = "[{index}] scores {1}, iou {2}, min {3}, max {4} -> {5}")
  @MethodSource("tables")
  void selectsLikeTfImageNonMaxSuppression(
      List<FaceBox> boxes,
      double[] scores,
      double iou,
      double min,
      int max,
      List<Integer> expected) {
    assertThat(NonMaxSuppression.select(boxes, scores, iou, min, max))
        .as(Arrays.toString(scores))
        .isEqualTo(expected);
  }
}
