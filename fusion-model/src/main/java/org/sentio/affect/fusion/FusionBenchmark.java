package org.sentio.affect.fusion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.sentio.affect.train.ModelFolder;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/**
 * Fused windows per second of the MoE fusion graph in both formulations beside a dense model with
 * the same parameter count: the MoE model's projections, attention and heads with its MoE block
 * (router and every expert) replaced by one dense FFN whose hidden width makes the counts equal
 * ({@link DenseFfn#matchingHidden}), random weights (speed does not depend on the values). The
 * three graphs are timed side by side in one run: each repetition measures every model at every
 * batch size in turn, so drifts of the machine touch all of them alike; figures are medians over
 * the repetitions. Only the ONNX graph is timed (inputs already encoded), not the capacity
 * scheduling of {@link MoeFusion}.
 */
public final class FusionBenchmark {
  /** What one run measures. */
  public record Config(int repeat, List<Integer> batches, double secondsPerMeasurement) {
    public Config {
      if (repeat < 1 || batches.isEmpty() || !(secondsPerMeasurement > 0)) {
        throw new IllegalArgumentException(
            "need repeat >= 1, a batch size and a positive measuring time");
      }
      batches = List.copyOf(batches);
    }

    public static Config standard(int repeat) {
      return new Config(repeat, List.of(1, 64), 0.25);
    }
  }

  /** One model at one batch size: every repetition's windows/s and their median. */
  public record Row(
      String model, long parameters, int batch, double[] windowsPerSecond, double median) {}

  /** A finished run. */
  public record Result(
      String device,
      int repeat,
      MoeWeights shape,
      long moeParameters,
      long moeActiveParameters,
      int denseHidden,
      long denseParameters,
      List<Row> rows) {

    /** The median of {@code model} at {@code batch}. */
    public double median(String model, int batch) {
      return rows.stream()
          .filter(r -> r.model().equals(model) && r.batch() == batch)
          .findFirst()
          .map(Row::median)
          .orElse(Double.NaN);
    }

    /** The table with ratios, for people. */
    public void print(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "fusion speed on %s: fused windows/s, medians of %d runs measured side by side%n",
          device,
          repeat);
      out.printf(
          Locale.ROOT,
          "MoE: E=%d experts, top-%d, latent %d, expert width %d: %d parameters (%d active per"
              + " window); dense: FFN width %d: %d parameters (random weights)%n",
          shape.experts(),
          shape.topK(),
          shape.latent(),
          shape.inter(),
          moeParameters,
          moeActiveParameters,
          denseHidden,
          denseParameters);
      out.printf(
          Locale.ROOT,
          "%-34s %6s %12s %9s %12s%n",
          "model",
          "batch",
          "windows/s",
          "vs dense",
          "runs min-max");
      for (Row r : rows) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : r.windowsPerSecond()) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        out.printf(
            Locale.ROOT,
            "%-34s %6d %12.0f %8.2f× %6.0f-%.0f%n",
            r.model(),
            r.batch(),
            r.median(),
            r.median() / median(DENSE, r.batch()),
            min,
            max);
      }
    }

    /** The run as JSON (medians, every repetition, ratios to dense and shapes). */
    public ObjectNode toJson() {
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = json.createObjectNode();
      root.put("benchmark", "sentio fusion speed");
      root.put("device", device);
      root.put("repeat", repeat);
      ObjectNode moe = root.putObject("moe");
      moe.put("experts", shape.experts());
      moe.put("topK", shape.topK());
      moe.put("latent", shape.latent());
      moe.put("expertWidth", shape.inter());
      moe.put("parameters", moeParameters);
      moe.put("activeParametersPerWindow", moeActiveParameters);
      ObjectNode dense = root.putObject("dense");
      dense.put("hidden", denseHidden);
      dense.put("parameters", denseParameters);
      dense.put("weights", "random (Xavier uniform)");
      ArrayNode table = root.putArray("results");
      for (Row r : rows) {
        ObjectNode row = table.addObject();
        row.put("model", r.model());
        row.put("batch", r.batch());
        row.put("parameters", r.parameters());
        row.put("windowsPerSecondMedian", r.median());
        row.put("ratioToDense", r.median() / median(DENSE, r.batch()));
        ArrayNode runs = row.putArray("windowsPerSecond");
        for (double v : r.windowsPerSecond()) {
          runs.add(v);
        }
      }
      return root;
    }

    public void writeJson(Path file) throws IOException {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), toJson());
    }
  }

  public static final String FUSED = "MoE, fused com.microsoft.MoE";
  public static final String STANDARD = "MoE, standard ops";
  public static final String DENSE = "dense FFN, same parameter count";
  private static final int WARM_RUNS = 20;

  private FusionBenchmark() {}

  /**
   * Measures the installed {@code fusion-moe} model (verified against its manifest) on {@code
   * host}.
   */
  public static Result run(OnnxHost host, ModelRegistry registry, Config config)
      throws ModelException, IOException {
    var model = registry.find(MoeFusion.MODEL);
    registry.requireVerified(model);
    MoeWeights weights;
    try {
      weights = MoeOnnx.read(Files.readAllBytes(model.modelFile()));
    } catch (IllegalArgumentException e) {
      throw new ModelException(
          model.modelFile() + ": not a Sentio MoE fusion model (" + e.getMessage() + ")", e);
    }
    return run(host, weights, config);
  }

  /** Measures {@code weights} in both formulations beside the dense model of equal size. */
  public static Result run(OnnxHost host, MoeWeights weights, Config config)
      throws ModelException, IOException {
    int hidden = DenseFfn.matchingHidden(weights);
    DenseFfn dense = DenseFfn.random(weights.latent(), hidden, 7L);
    long shared = sharedParameters(weights);
    long moeParameters = shared + DenseFfn.moeBlockParameters(weights);
    long denseParameters = shared + dense.parameters();
    Map<String, byte[]> graphs = new LinkedHashMap<>();
    graphs.put(FUSED, MoeOnnx.write(weights, MoeOnnx.Formulation.FUSED, "sentio", "bench"));
    graphs.put(STANDARD, MoeOnnx.write(weights, MoeOnnx.Formulation.STANDARD, "sentio", "bench"));
    graphs.put(DENSE, MoeOnnx.writeDense(weights, dense, "sentio", "bench"));
    Path scratch = Files.createTempDirectory("sentio-fusion-bench");
    Map<String, ModelSession> sessions = new LinkedHashMap<>();
    try {
      int n = 0;
      for (Map.Entry<String, byte[]> graph : graphs.entrySet()) {
        Path folder = scratch.resolve("m" + n++);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "bench-" + n);
        manifest.put("version", "0");
        ModelFolder.write(folder, graph.getValue(), manifest);
        sessions.put(
            graph.getKey(),
            host.openUnchecked(new ModelRegistry(scratch, "").readManifest(folder)));
      }
      Map<String, double[]> runs = new LinkedHashMap<>();
      Map<Integer, Map<String, Tensor>> inputs = new LinkedHashMap<>();
      Map<String, Integer> iterations = new LinkedHashMap<>();
      for (int batch : config.batches()) {
        inputs.put(batch, MoeFusion.probeBatch(batch));
        for (Map.Entry<String, ModelSession> s : sessions.entrySet()) {
          String key = s.getKey() + "@" + batch;
          runs.put(key, new double[config.repeat()]);
          iterations.put(key, calibrate(s.getValue(), inputs.get(batch), config));
        }
      }
      for (int r = 0; r < config.repeat(); r++) {
        for (int batch : config.batches()) {
          for (Map.Entry<String, ModelSession> s : sessions.entrySet()) {
            String key = s.getKey() + "@" + batch;
            int count = iterations.get(key);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
              s.getValue().run(inputs.get(batch));
            }
            runs.get(key)[r] = count * (double) batch / ((System.nanoTime() - start) / 1e9);
          }
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int batch : config.batches()) {
        for (String name : sessions.keySet()) {
          double[] values = runs.get(name + "@" + batch);
          rows.add(
              new Row(
                  name,
                  name.equals(DENSE) ? denseParameters : moeParameters,
                  batch,
                  values,
                  MoeFusion.median(values)));
        }
      }
      return new Result(
          host.providerChoice().provider().displayName(),
          config.repeat(),
          weights,
          moeParameters,
          shared + activeBlockParameters(weights),
          hidden,
          denseParameters,
          rows);
    } finally {
      for (ModelSession s : sessions.values()) {
        s.close();
      }
      deleteTree(scratch);
    }
  }

  /** Warms the session and returns how many runs fill about the configured measuring time. */
  private static int calibrate(ModelSession session, Map<String, Tensor> input, Config config)
      throws ModelException {
    long start = System.nanoTime();
    for (int i = 0; i < WARM_RUNS; i++) {
      session.run(input);
    }
    double perRun = (System.nanoTime() - start) / 1e9 / WARM_RUNS;
    return (int) Math.max(5, Math.min(1_000_000, config.secondsPerMeasurement() / perRun));
  }

  /** Projections, attention scores and heads: the parameters both models share. */
  static long sharedParameters(MoeWeights w) {
    long f = MoeFusionModel.FEATURES;
    long d = w.latent();
    return 3 * (f * d + d + d + 1) + (d * 7 + 7) + 2 * (d + 1);
  }

  /** The MoE block's parameters one window uses: the router and its k experts. */
  static long activeBlockParameters(MoeWeights w) {
    long d = w.latent();
    long e = w.experts();
    long i = w.inter();
    return d * e + e + w.topK() * (d * i + i + i * d + d);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
