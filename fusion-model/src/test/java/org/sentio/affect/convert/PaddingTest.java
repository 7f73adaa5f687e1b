package org.sentio.affect.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaddingTest {

  @ParameterizedTest(name = "SAME in={0} k={1} s={2} d={3} -> out {4}, pad [{5},{6}]")
  @CsvSource({
    // in, kernel, stride, dilation, out, before, after
    "256, 5, 2, 1, 128, 1, 2", // BlazeFace stem: odd padding goes after
    "128, 3, 1, 1, 128, 1, 1",
    "128, 3, 2, 1, 64, 0, 1", // stride-2 depthwise on an even size
    "64, 2, 2, 1, 32, 0, 0", // 2x2 max pool
    "61, 3, 2, 1, 31, 1, 1", // emotion 3x3/2 pooling on an odd size
    "60, 3, 2, 1, 30, 0, 1",
    "7, 3, 1, 2, 7, 2, 2", // dilation 2 -> effective kernel 5
    "5, 1, 3, 1, 2, 0, 0", // 1x1 with stride larger than kernel: no padding
    "4, 1, 3, 1, 2, 0, 0"
  })
  void sameMatchesTensorFlow(long in, long k, long s, long d, long out, long before, long after) {
    assertThat(Padding.outputSize(in, k, s, d, "SAME")).isEqualTo(out);
    assertThat(Padding.same(in, k, s, d)).containsExactly(before, after);
  }

  @ParameterizedTest(name = "VALID in={0} k={1} s={2} d={3} -> out {4}")
  @CsvSource({
    "64, 3, 1, 1, 62",
    "64, 3, 2, 1, 31",
    "192, 3, 3, 1, 64",
    "7, 3, 1, 2, 3",
    "2, 3, 1, 1, 0"
  })
  void validShrinksByTheEffectiveKernel(long in, long k, long s, long d, long out) {
    assertThat(Padding.outputSize(in, k, s, d, "VALID")).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({"SAME", "VALID"})
  void unknownSizeStaysUnknown(String padding) {
    assertThat(Padding.outputSize(-1, 3, 2, 1, padding)).isEqualTo(-1);
  }
}
