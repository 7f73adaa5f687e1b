package org.sentio.affect.facelink;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mouth opening of each face track over time: one (time, opening) pair per analysed frame in
 * which the track was seen, kept as floats (8 bytes a frame per face, about 2.6 MB for three hours
 * at 30 analysed frames a second). Filled from one thread, read after it is done.
 */
public final class MouthTracks {
  private final Map<Integer, Series> tracks = new TreeMap<>();

  /** Adds one frame of one track; an opening that was not measured ({@code NaN}) is skipped. */
  public void add(int track, double seconds, double opening) {
    if (Double.isNaN(opening)) {
      return;
    }
    tracks.computeIfAbsent(track, t -> new Series()).add(seconds, opening);
  }

  /** The tracks with at least one measured frame, by id. */
  public Map<Integer, Series> tracks() {
    return tracks;
  }

  /** One track's frames, in time order. */
  public static final class Series {
    private float[] seconds = new float[64];
    private float[] openings = new float[64];
    private int size;

    void add(double t, double opening) {
      if (size == seconds.length) {
        seconds = Arrays.copyOf(seconds, size * 2);
        openings = Arrays.copyOf(openings, size * 2);
      }
      seconds[size] = (float) t;
      openings[size] = (float) opening;
      size++;
    }

    public int size() {
      return size;
    }

    public double seconds(int i) {
      return seconds[i];
    }

    public double opening(int i) {
      return openings[i];
    }
  }
}
