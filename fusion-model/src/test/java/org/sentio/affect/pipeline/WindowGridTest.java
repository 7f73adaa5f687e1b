package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowGridTest {
  private final WindowGrid grid = new WindowGrid(1.0, 0.5);

  @ParameterizedTest
  @CsvSource({"0.0,1", "0.3,1", "0.5,1", "0.51,2", "10.0,20", "17.1,35"})
  void countsEveryWindowThatStartsBeforeTheEnd(double duration, int count) {
    assertThat(grid.count(duration)).isEqualTo(count);
  }

  @Test
  void aMomentBelongsToTheTwoOverlappingWindows() {
    assertThat(grid.firstContaining(1.2)).isEqualTo(1);
    assertThat(grid.lastContaining(1.2)).isEqualTo(2);
    assertThat(grid.start(1)).isLessThanOrEqualTo(1.2);
    assertThat(grid.end(2)).isGreaterThan(1.2);
  }

  @Test
  void windowBoundsAreHalfOpen() {
    assertThat(grid.firstContaining(1.0)).as("window 0 ends before 1.0").isEqualTo(1);
    assertThat(grid.lastContaining(1.0)).isEqualTo(2);
    assertThat(grid.firstContaining(0.0)).isZero();
    assertThat(grid.lastContaining(0.0)).isZero();
  }
}
