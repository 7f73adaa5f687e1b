package org.sentio.affect.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives faces stable ids across frames by IoU matching: each frame's boxes are matched to the live
 * tracks greedily, highest IoU first, when the IoU is at least {@code minIou}; unmatched boxes
 * start new tracks (ids count up from 1 and are never reused); a track not matched for more than
 * {@code maxMissedFrames} consecutive frames ends. Not thread-safe: one tracker per video stream.
 */
public final class FaceTracker {
  private final double minIou;
  private final int maxMissedFrames;
  private final List<Track> tracks = new ArrayList<>();
  private int nextId = 1;

  private static final class Track {
    final int id;
    FaceBox box;
    int missed;

    Track(int id, FaceBox box) {
      this.id = id;
      this.box = box;
    }
  }

  public FaceTracker(double minIou, int maxMissedFrames) {
    if (minIou <= 0 || minIou > 1 || maxMissedFrames < 0) {
      throw new IllegalArgumentException("need 0 < minIou <= 1 and maxMissedFrames >= 0");
    }
    this.minIou = minIou;
    this.maxMissedFrames = maxMissedFrames;
  }

  /** IoU at least 0.3, tracks kept through 5 missed frames. */
  public FaceTracker() {
    this(0.3, 5);
  }

  /** Assigns a track id to each box of one frame, in the boxes' order. */
  public List<Integer> update(List<FaceBox> boxes) {
    record Pair(int track, int box, double iou) {}
    List<Pair> pairs = new ArrayList<>();
    for (int t = 0; t < tracks.size(); t++) {
      for (int b = 0; b < boxes.size(); b++) {
        double iou = tracks.get(t).box.iou(boxes.get(b));
        if (iou >= minIou) {
          pairs.add(new Pair(t, b, iou));
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
    Integer[] ids = new Integer[boxes.size()];
    boolean[] trackUsed = new boolean[tracks.size()];
    for (Pair p : pairs) {
      if (trackUsed[p.track()] || ids[p.box()] != null) {
        continue;
      }
      trackUsed[p.track()] = true;
      Track track = tracks.get(p.track());
      track.box = boxes.get(p.box());
      track.missed = 0;
      ids[p.box()] = track.id;
    }
    for (int t = tracks.size() - 1; t >= 0; t--) {
      if (!trackUsed[t] && ++tracks.get(t).missed > maxMissedFrames) {
        tracks.remove(t);
      }
    }
    for (int b = 0; b < boxes.size(); b++) {
      if (ids[b] == null) {
        Track track = new Track(nextId++, boxes.get(b));
        tracks.add(track);
        ids[b] = track.id;
      }
    }
    return List.of(ids);
  }

  /** Number of live tracks (matched recently enough). */
  public int liveTracks() {
    return tracks.size();
  }

  /** Forgets every track; ids keep counting up. */
  public void reset() {
    tracks.clear();
  }
}
