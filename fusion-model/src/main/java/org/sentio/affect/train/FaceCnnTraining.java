package org.sentio.affect.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Command line for the FER+ soft-target CNN ({@link FaceCnnTrainer}): {@code FaceCnnTraining
 * <faces_ferplus_train folder> <out.onnx> <c1,c2,c3> <epochs> [limit]}. Holds out 10 % of the dup
 * groups (seed 7), prints after each epoch the held-out accuracy against the FER+ majority (the
 * most-voted emotion), and writes the ONNX graph. Not yet wired to {@code sentio train}; see the
 * {@code face-expression-ensemble} card for what it reached.
 */
public final class FaceCnnTraining {
  private FaceCnnTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println(
          "usage: FaceCnnTraining <faces_ferplus_train> <out.onnx> <c1,c2,c3> <epochs> [limit]");
      System.exit(2);
    }
    int[] channels = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    int epochs = Integer.parseInt(args[3]);
    int limit = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    FerPlusFaces data = FerPlusFaces.read(Path.of(args[0]), limit, 10, 7L);
    long held = 0;
    for (boolean h : data.heldOut()) {
      held += h ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT, "%d faces, %d held out (dup groups kept together)%n", data.size(), held);
    FaceCnnTrainer.Config config = new FaceCnnTrainer.Config(channels, epochs, 64, 0.002f, 7L);
    long start = System.nanoTime();
    FaceCnnTrainer.Weights[] last = new FaceCnnTrainer.Weights[1];
    FaceCnnTrainer trainer = new FaceCnnTrainer(config);
    last[0] =
        trainer.train(
            data,
            epoch ->
                System.out.printf(
                    Locale.ROOT,
                    "epoch %d done after %.0f s%n",
                    epoch,
                    (System.nanoTime() - start) / 1e9));
    System.out.printf(
        Locale.ROOT, "held-out accuracy vs FER+ majority: %.4f%n", heldOutAccuracy(last[0], data));
    Files.write(Path.of(args[1]), FaceCnnOnnx.build(last[0]).toByteArray());
    System.out.println("wrote " + args[1]);
  }

  /** Share of held-out faces whose most probable class is their most-voted emotion. */
  static double heldOutAccuracy(FaceCnnTrainer.Weights weights, FerPlusFaces data) {
    int right = 0;
    int total = 0;
    for (int i = 0; i < data.size(); i++) {
      if (!data.heldOut()[i]) {
        continue;
      }
      float[] p = FaceCnnTrainer.predict(weights, FaceCnnTrainer.input(data, i), 1);
      total++;
      right += argmax(p, 0) == argmax(data.targets(), i * 7) ? 1 : 0;
    }
    return total == 0 ? Double.NaN : (double) right / total;
  }

  private static int argmax(float[] v, int offset) {
    int best = 0;
    for (int k = 1; k < 7; k++) {
      if (v[offset + k] > v[offset + best]) {
        best = k;
      }
    }
    return best;
  }
}
