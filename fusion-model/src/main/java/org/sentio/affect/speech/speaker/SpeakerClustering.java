package org.sentio.affect.speech.speaker;

import java.util.ArrayList;
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
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clusters.add(new ArrayList<>(List.of(i)));
    }
    double[][] pair = new double[n][n];
    double[][] weight = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        pair[i][j] = segments.get(i).cosine(segments.get(j));
        weight[i][j] = Math.sqrt((double) segments.get(i).frames() * segments.get(j).frames());
      }
    }
    while (clusters.size() > 1) {
      int bestA = -1;
      int bestB = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < clusters.size(); a++) {
        for (int b = a + 1; b < clusters.size(); b++) {
          double s = linkage(clusters.get(a), clusters.get(b), pair, weight);
          if (s > best) {
            best = s;
            bestA = a;
            bestB = b;
          }
        }
      }
      boolean mustMerge =
          speakers > 0 ? clusters.size() > speakers : clusters.size() > MAX_SPEAKERS;
      boolean mayStop = speakers > 0 ? clusters.size() <= speakers : best < threshold;
      if (!mustMerge && mayStop) {
        break;
      }
      clusters.get(bestA).addAll(clusters.remove(bestB));
    }
    return numberByFirstAppearance(clusters, n);
  }

  /** Frame-weighted mean cosine similarity between the members of two clusters. */
  private static double linkage(
      List<Integer> a, List<Integer> b, double[][] pair, double[][] weight) {
    double sum = 0;
    double total = 0;
    for (int i : a) {
      for (int j : b) {
        sum += weight[i][j] * pair[i][j];
        total += weight[i][j];
      }
    }
    return sum / total;
  }

  private static int[] numberByFirstAppearance(List<List<Integer>> clusters, int n) {
    int[] cluster = new int[n];
    for (int c = 0; c < clusters.size(); c++) {
      for (int member : clusters.get(c)) {
        cluster[member] = c;
      }
    }
    int[] renumbered = new int[clusters.size()];
    java.util.Arrays.fill(renumbered, -1);
    int next = 0;
    int[] speaker = new int[n];
    for (int i = 0; i < n; i++) {
      if (renumbered[cluster[i]] < 0) {
        renumbered[cluster[i]] = next++;
      }
      speaker[i] = renumbered[cluster[i]];
    }
    return speaker;
  }
}
