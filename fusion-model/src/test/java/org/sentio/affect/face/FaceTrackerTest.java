package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

  @Test
  void keepsIdsForBoxesMovingAFewPixelsPerFrame() {
    FaceTracker tracker = new FaceTracker();
    List<Integer> first =
        tracker.update(List.of(new FaceBox(100, 100, 80, 80), new FaceBox(300, 100, 80, 80)));
    assertThat(first).containsExactly(1, 2);
    for (int step = 1; step <= 10; step++) {
      // both faces drift 6 px per frame in opposite directions; given in swapped order
      List<Integer> ids =
          tracker.update(
              List.of(
                  new FaceBox(300 - 6 * step, 100, 80, 80),
                  new FaceBox(100 + 6 * step, 100, 80, 80)));
      assertThat(ids).as("frame %d", step).containsExactly(2, 1);
    }
  }

  @Test
  void givesANewIdToANewFace() {
    FaceTracker tracker = new FaceTracker();
    tracker.update(List.of(new FaceBox(100, 100, 80, 80)));
    List<Integer> ids =
        tracker.update(List.of(new FaceBox(102, 101, 80, 80), new FaceBox(400, 50, 60, 60)));
    assertThat(ids).containsExactly(1, 2);
  }

  @Test
  void aFaceThatJumpsFarIsANewTrack() {
    FaceTracker tracker = new FaceTracker();
    tracker.update(List.of(new FaceBox(0, 0, 50, 50)));
    assertThat(tracker.update(List.of(new FaceBox(200, 200, 50, 50)))).containsExactly(2);
  }

  @Test
  void keepsATrackThroughShortGapsAndEndsItAfterTooManyMissedFrames() {
    FaceTracker tracker = new FaceTracker(0.3, 2);
    FaceBox face = new FaceBox(10, 10, 50, 50);
    tracker.update(List.of(face));
    tracker.update(List.of());
    tracker.update(List.of());
    assertThat(tracker.update(List.of(face))).containsExactly(1);
    tracker.update(List.of());
    tracker.update(List.of());
    tracker.update(List.of());
    assertThat(tracker.liveTracks()).isZero();
    assertThat(tracker.update(List.of(face))).containsExactly(2);
  }

  @Test
  void twoBoxesNeverShareOneTrack() {
    FaceTracker tracker = new FaceTracker();
    tracker.update(List.of(new FaceBox(0, 0, 100, 100)));
    List<Integer> ids =
        tracker.update(List.of(new FaceBox(0, 0, 100, 100), new FaceBox(10, 0, 100, 100)));
    assertThat(ids).containsExactly(1, 2);
  }
}
