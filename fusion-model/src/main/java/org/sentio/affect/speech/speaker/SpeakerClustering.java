package org.sentio.affect.speech.speaker;

import java.util.List;

/**
 * Groups the x-vectors of a recording's speech segments into speakers: agglomerative clustering
 * with average linkage on cosine similarity, each pair weighted by the frames behind the two
 * vectors (short segments give noisy vectors and count less). Speaker ids are numbered in order of
 * first appearance, so speaker 0 is the first to talk.
 */
public final class SpeakerClustering {
  /** The most speakers the automatic count gives. */
  public static final int MAX_SPEAKERS = 4;

  /**
   * Clusters stop merging when their average cosine similarity falls below this. Tuned on
   * two-speaker calls built from RAVDESS actors 01–10 and SAVEE speakers DC and JE (see the
   * speaker-xvector model card and ADR 0007).
   */
  public static final double DEFAULT_THRESHOLD = 0.28;

  private final double threshold;

  /** Clustering that stops at {@link #DEFAULT_THRESHOLD}. */
  public SpeakerClustering() {
    this(DEFAULT_THRESHOLD);
  }

  public SpeakerClustering(double threshold) {
    if (!(threshold >= -1 && threshold <= 1)) {
      throw new IllegalArgumentException("a cosine threshold lies in [-1, 1], got " + threshold);
    }
    this.threshold = threshold;
  }

  /**
   * The speaker of each segment, deciding the number of speakers (1 to {@link #MAX_SPEAKERS}).
   *
   * @param segments the segments' embeddings in time order
   * @return one speaker id per segment, 0 for the first speaker to talk
   */
  public int[] cluster(List<SpeakerEmbedding> segments) {
    return cluster(segments, 0);
  }

  /**
   * The speaker of each segment, with exactly {@code speakers} speakers when there are that many
   * segments ({@code speakers} 0 decides automatically).
   */
  public int[] cluster(List<SpeakerEmbedding> segments, int speakers) {
    if (speakers < 0) {
      throw new IllegalArgumentException("speakers must be 0 (automatic) or more, got " + speakers);
    }
    int n = segments.size();
    // Cluster c lives in slot c until merged away. weightedSum[a][b] / weightSum[a][b] is the
    // frame-weighted mean cosine between clusters a and b; merging adds rows, so each merge costs
    // O(n) and the whole clustering O(n^3) only in cheap array scans.
    double[][] weightedSum = new double[n][n];
    double[][] weightSum = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double w = Math.sqrt((double) segments.get(i).frames() * segments.get(j).frames());
        weightedSum[i][j] = w * segments.get(i).cosine(segments.get(j));
        weightSum[i][j] = w;
      }
    }
    int[] slotOf = new int[n];
    boolean[] alive = new boolean[n];
    for (int i = 0; i < n; i++) {
      slotOf[i] = i;
      alive[i] = true;
    }
    int clusters = n;
    while (clusters > 1) {
      int bestA = -1;
      int bestB = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < n; a++) {
        if (!alive[a]) {
          continue;
        }
        for (int b = a + 1; b < n; b++) {
          if (alive[b] && weightedSum[a][b] / weightSum[a][b] > best) {
            best = weightedSum[a][b] / weightSum[a][b];
            bestA = a;
            bestB = b;
          }
        }
      }
      boolean mustMerge = speakers > 0 ? clusters > speakers : clusters > MAX_SPEAKERS;
      boolean mayStop = speakers > 0 ? clusters <= speakers : best < threshold;
      if (!mustMerge && mayStop) {
        break;
      }
      for (int c = 0; c < n; c++) {
        weightedSum[bestA][c] += weightedSum[bestB][c];
        weightSum[bestA][c] += weightSum[bestB][c];
        weightedSum[c][bestA] = weightedSum[bestA][c];
        weightSum[c][bestA] = weightSum[bestA][c];
      }
      alive[bestB] = false;
      for (int i = 0; i < n; i++) {
        if (slotOf[i] == bestB) {
          slotOf[i] = bestA;
        }
      }
      clusters--;
    }
    return numberByFirstAppearance(slotOf);
  }

  /** Renumbers cluster slots 0, 1, 2, … in the order their first member appears. */
  private static int[] numberByFirstAppearance(int[] slotOf) {
    int[] renumbered = new int[slotOf.length];
    java.util.Arrays.fill(renumbered, -1);
    int next = 0;
    int[] speaker = new int[slotOf.length];
    for (int i = 0; i < slotOf.length; i++) {
      if (renumbered[slotOf[i]] < 0) {
        renumbered[slotOf[i]] = next++;
      }
      speaker[i] = renumbered[slotOf[i]];
    }
    return speaker;
  }
}
