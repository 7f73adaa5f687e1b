package org.sentio.affect.train;

import org.sentio.affect.Emotion;

/**
 * Valence and arousal targets for labeled categories, after Russell's circumplex (1980) and the
 * category placements of Scherer's Geneva emotion wheel, on Sentio's [-1, 1] scales. Data sets
 * label categories, not dimensions: these targets teach the valence and arousal heads the typical
 * place of each category, so those heads are only as fine as this table.
 *
 * <table>
 *   <caption>Targets</caption>
 *   <tr><th>category</th><th>valence</th><th>arousal</th></tr>
 *   <tr><td>neutral</td><td>0.0</td><td>-0.1</td></tr>
 *   <tr><td>calm (RAVDESS)</td><td>0.2</td><td>-0.5</td></tr>
 *   <tr><td>happy</td><td>0.7</td><td>0.5</td></tr>
 *   <tr><td>sad</td><td>-0.6</td><td>-0.4</td></tr>
 *   <tr><td>angry</td><td>-0.6</td><td>0.8</td></tr>
 *   <tr><td>fear</td><td>-0.6</td><td>0.6</td></tr>
 *   <tr><td>disgust</td><td>-0.6</td><td>0.2</td></tr>
 *   <tr><td>surprise</td><td>0.3</td><td>0.7</td></tr>
 * </table>
 *
 * <p>RAVDESS's "strong" intensity adds {@value #STRONG_AROUSAL_STEP} to the arousal target of an
 * emotional (not neutral, not calm) clip and "normal" subtracts it.
 */
public final class AffectTargets {
  public static final double CALM_VALENCE = 0.2;
  public static final double CALM_AROUSAL = -0.5;
  public static final double STRONG_AROUSAL_STEP = 0.15;

  private static final double[] VALENCE = {0.0, 0.7, -0.6, -0.6, -0.6, -0.6, 0.3};
  private static final double[] AROUSAL = {-0.1, 0.5, -0.4, 0.8, 0.6, 0.2, 0.7};

  private AffectTargets() {}

  public static double valence(Emotion emotion) {
    return VALENCE[emotion.ordinal()];
  }

  public static double arousal(Emotion emotion) {
    return AROUSAL[emotion.ordinal()];
  }
}
