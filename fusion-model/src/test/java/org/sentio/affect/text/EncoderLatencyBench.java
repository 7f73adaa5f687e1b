package org.sentio.affect.text;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelRegistry;

/**
 * Per-utterance cost of a shipped encoder text model (encoder + the joined linear layer) on real
 * held-out utterances, on one thread: CPU time (ONNX Runtime on one intra-op thread computes on the
 * calling thread, so it is the cost on one core whatever else the machine runs) and wall clock.
 * Prints the figures with the load average.
 *
 * <p>Run: {@code java -cp <fusion-model test classpath> org.sentio.affect.text.EncoderLatencyBench
 * en|zh [count]}
 */
public final class EncoderLatencyBench {
  private EncoderLatencyBench() {}

  public static void main(String[] args) throws Exception {
    Language language = "zh".equals(args[0]) ? Language.ZH : Language.EN;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    EncoderTextTraining.Spec spec = EncoderTextTraining.Spec.of(language);
    Path data = SharedData.root().resolve("data");
    List<String> texts = new ArrayList<>();
    for (EncoderTextTraining.Item item : EncoderTextTraining.items(spec, data, 0)) {
      if (item.heldOut() && item.corpus().equals(spec.base.dataset) && texts.size() < count) {
        texts.add(item.text());
      }
    }
    ModelRegistry registry = ShippedModels.registry();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (TextAffectModel model =
        TextAffectModel.open(
            ShippedModels.host(), registry, Analyzers.textModel(registry, language), language)) {
      for (int i = 0; i < 20; i++) {
        model.predict(texts.get(i));
      }
      double[] cpu = new double[texts.size()];
      double[] wall = new double[texts.size()];
      for (int i = 0; i < texts.size(); i++) {
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        model.predict(texts.get(i));
        cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        wall[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(cpu);
      Arrays.sort(wall);
      System.out.printf(
          "%s (%s), %d held-out utterances, one thread: CPU median %.1f ms, p90 %.1f ms;"
              + " wall median %.1f ms, p90 %.1f ms; load average %.2f%n",
          model.session().model().name(),
          language,
          texts.size(),
          cpu[cpu.length / 2],
          cpu[cpu.length * 9 / 10],
          wall[wall.length / 2],
          wall[wall.length * 9 / 10],
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    System.exit(0);
  }
}
