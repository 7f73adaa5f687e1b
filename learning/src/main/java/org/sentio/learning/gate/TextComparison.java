package org.sentio.learning.gate;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.sentio.affect.Emotion;
import org.sentio.affect.text.TextAffectModel;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * A candidate text model beside the text model in use on the same labelled utterances, each read by
 * both through {@link TextAffectModel} exactly as an analysis reads a transcript (n-grams and the
 * sentence embedding, the models' own ONNX graphs), compared by {@link ModelComparison}.
 */
public final class TextComparison {
  /** One held-out utterance and its label. */
  public record LabelledText(String text, Emotion label) {}

  private TextComparison() {}

  /**
   * Compares {@code candidate} with {@code inUse} (both text models of the same task, checked by
   * the caller) on {@code utterances}; {@code progress} hears the count of utterances read.
   */
  public static ModelComparison compare(
      OnnxHost host,
      GatedModel candidate,
      GatedModel inUse,
      List<LabelledText> utterances,
      IntConsumer progress)
      throws ModelException {
    if (!candidate.task().isText() || candidate.task() != inUse.task()) {
      throw new IllegalArgumentException(
          "a text comparison needs two text models of one language, not "
              + candidate.task()
              + " and "
              + inUse.task());
    }
    int[] truth = new int[utterances.size()];
    int[] a = new int[truth.length];
    int[] b = new int[truth.length];
    try (TextAffectModel cand = open(host, candidate);
        TextAffectModel used = open(host, inUse)) {
      for (int i = 0; i < truth.length; i++) {
        LabelledText u = utterances.get(i);
        truth[i] = u.label().ordinal();
        a[i] = cand.predict(u.text()).emotions().top().ordinal();
        b[i] = used.predict(u.text()).emotions().top().ordinal();
        progress.accept(i + 1);
      }
    }
    return ModelComparison.of(truth, a, b);
  }

  private static TextAffectModel open(OnnxHost host, GatedModel model) throws ModelException {
    Path folder = model.folder().toAbsolutePath().normalize();
    ModelRegistry registry = new ModelRegistry(folder.getParent(), "check the folder " + folder);
    InstalledModel installed = registry.readManifest(folder);
    return TextAffectModel.open(host, registry, installed, model.task().language);
  }
}
