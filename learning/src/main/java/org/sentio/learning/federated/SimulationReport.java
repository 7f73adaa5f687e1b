package org.sentio.learning.federated;

import java.util.Arrays;
import java.util.Locale;
import org.sentio.learning.privacy.DpSgdTrainer;

/** The simulation's figures as a Markdown table and an SVG line chart (no chart library). */
public final class SimulationReport {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#7f7f7f"};

  private SimulationReport() {}

  public static String markdown(
      FederatedSimulation.Result r, DpSgdTrainer.Settings s, int sites, int rounds) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%d sites (windows %s, non-IID: each class %.0f× likelier at its home site), %d"
                + " rounds, %d held-out windows; local DP-SGD: noise multiplier %s, clip %s,"
                + " expected batch %d, %d local epoch(s), delta %s.%n%n",
            sites,
            Arrays.toString(r.siteWindows()),
            FederatedSimulation.HOME_WEIGHT,
            rounds,
            r.heldOutWindows(),
            s.noiseMultiplier(),
            s.clip(),
            s.expectedBatch(),
            s.maxEpochs(),
            s.delta()));
    b.append("| method |");
    for (int i = 1; i <= rounds; i++) {
      b.append(" round ").append(i).append(" |");
    }
    b.append(" bytes sent per round | epsilon per site |\n|---|");
    b.append("---|".repeat(rounds)).append("---|---|\n");
    long float32 = 0;
    for (FederatedSimulation.Curve c : r.curves()) {
      if (c.transport() == FederatedSimulation.Transport.FLOAT32) {
        float32 = c.bytesPerRound();
      }
    }
    for (FederatedSimulation.Curve c : r.curves()) {
      b.append("| ").append(c.transport().label).append(" |");
      for (double a : c.accuracy()) {
        b.append(String.format(Locale.ROOT, " %.4f |", a));
      }
      if (c.transport() == FederatedSimulation.Transport.CENTRALISED) {
        b.append(" — |");
      } else if (c.transport() == FederatedSimulation.Transport.FLOAT32) {
        b.append(String.format(Locale.ROOT, " %d |", c.bytesPerRound()));
      } else {
        b.append(
            String.format(
                Locale.ROOT,
                " %d (%.1f%% less) |",
                c.bytesPerRound(),
                100 * (1 - c.bytesPerRound() / (double) float32)));
      }
      b.append(" ");
      for (int i = 0; i < c.epsilon().length; i++) {
        b.append(String.format(Locale.ROOT, "%s%.2f", i == 0 ? "" : ", ", c.epsilon()[i]));
      }
      b.append(" |\n");
    }
    return b.toString();
  }

  /** Held-out accuracy per round, one line per method. */
  public static String accuracySvg(FederatedSimulation.Result r) {
    int width = 640;
    int height = 400;
    int left = 60;
    int right = 220;
    int top = 30;
    int bottom = 50;
    int rounds = r.curves().get(0).accuracy().length;
    double max = 0;
    for (FederatedSimulation.Curve c : r.curves()) {
      for (double a : c.accuracy()) {
        max = Math.max(max, a);
      }
    }
    double yMax = Math.min(1, Math.ceil(max * 10 + 0.5) / 10);
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-size=\"14\">Held-out accuracy per round</text>%n",
            left));
    for (int i = 0; i <= 5; i++) {
      double v = yMax * i / 5;
      double y = top + plotH - plotH * i / 5;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n",
              left,
              y,
              left + plotW,
              y,
              left - 6,
              y + 4,
              v));
    }
    for (int k = 0; k < rounds; k++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n",
              x(k, rounds, left, plotW),
              top + plotH + 18,
              k + 1));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">round</text>%n",
            left + plotW / 2,
            height - 10));
    int i = 0;
    for (FederatedSimulation.Curve c : r.curves()) {
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (int k = 0; k < rounds; k++) {
        points.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                x(k, rounds, left, plotW),
                top + plotH - plotH * c.accuracy()[k] / yMax));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
              colour,
              points.toString().trim()));
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                  + " stroke-width=\"2\"/><text x=\"%.1f\" y=\"%d\">%s</text>%n",
              left + plotW + 12,
              top + 10 + 20 * i,
              left + plotW + 32,
              top + 10 + 20 * i,
              colour,
              left + plotW + 38,
              top + 14 + 20 * i,
              c.transport().label));
      i++;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static double x(int k, int rounds, int left, double plotW) {
    return rounds == 1 ? left + plotW / 2 : left + plotW * k / (rounds - 1);
  }
}
