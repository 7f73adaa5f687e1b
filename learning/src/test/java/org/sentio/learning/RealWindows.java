package org.sentio.learning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.Emotion;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;

/**
 * Small real fusion windows for the learning tests: the shipped face, voice and text models run on
 * a slice of their held-out data (as the fusion trainer's own tests do), computed once per JVM.
 */
public final class RealWindows {
  /** A small fusion model (latent 16, 8 experts) that trains in seconds. */
  public static final MoeTrainer.Config SMALL =
      new MoeTrainer.Config(
          16, 8, 2, 16, 3, 64, 3e-3f, 1e-5f, 0.5f, 0.01f, 0.1f, 0.2f, 0.3, 0.5, 9L);

  private static OnnxHost host;
  private static FusionData.Pools pools;

  private RealWindows() {}

  public static Path root() {
    String root = System.getProperty("sentio.root.dir");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  public static synchronized OnnxHost host() {
    if (host == null) {
      host = OnnxHost.start(DevicePreference.CPU, 1);
    }
    return host;
  }

  public static ModelRegistry registry() {
    return new ModelRegistry(root().resolve("resources/models"), "retrain with ./sentio train");
  }

  private static synchronized FusionData.Pools pools() throws Exception {
    if (pools == null) {
      ModelRegistry registry = registry();
      try (ModelSession face = host().open(registry, registry.find("face-expression"));
          ModelSession voice = host().open(registry, registry.find("voice-affect"));
          ModelSession text = host().open(registry, registry.find("text-affect-en"))) {
        pools = FusionData.pools(face, voice, text, new FusionData.Limits(240, 28, 400));
      }
    }
    return pools;
  }

  /** {@code count} training windows drawn with {@code seed}. */
  public static MoeTrainer.Windows train(int count, long seed) throws Exception {
    List<Emotion> labels = new ArrayList<>();
    return FusionData.encode(FusionData.windows(pools().train(), count, seed, labels), labels);
  }

  /** {@code count} held-out windows (other speakers, faces and texts) drawn with {@code seed}. */
  public static MoeTrainer.Windows heldOut(int count, long seed) throws Exception {
    List<Emotion> labels = new ArrayList<>();
    return FusionData.encode(FusionData.windows(pools().heldOut(), count, seed, labels), labels);
  }

  /** Accuracy of the trainer's forward pass of {@code weights} on {@code windows}. */
  public static double accuracy(org.sentio.affect.fusion.MoeWeights weights, MoeTrainer.Windows w) {
    MoeTrainer.Outputs out = MoeTrainer.predict(weights, w.x(), w.mask(), w.size());
    int right = 0;
    for (int i = 0; i < w.size(); i++) {
      int best = 0;
      for (int k = 1; k < 7; k++) {
        if (out.emotions()[i * 7 + k] > out.emotions()[i * 7 + best]) {
          best = k;
        }
      }
      right += best == w.label()[i] ? 1 : 0;
    }
    return right / (double) w.size();
  }
}
