package org.sentio.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ONNX Runtime host of the process: owns the environment, chooses the execution provider
 * once (CUDA, then DirectML, then CPU, unless the user asked for one) and opens model sessions on
 * it. ONNX Runtime Java keeps the environment for the life of the process; sessions are owned and
 * closed by their callers.
 */
public final class OnnxHost {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxHost.class);

  private final OrtEnvironment environment;
  private final ProviderChoice choice;
  private final int intraOpThreads;

  private OnnxHost(OrtEnvironment environment, ProviderChoice choice, int intraOpThreads) {
    this.environment = environment;
    this.choice = choice;
    this.intraOpThreads = intraOpThreads;
  }

  /**
   * Starts the host.
   *
   * @param preference the provider asked for; an absent one falls back to CPU with the reason
   * @param intraOpThreads threads per inference, 0 for {@link #defaultIntraOpThreads}
   */
  public static OnnxHost start(DevicePreference preference, int intraOpThreads) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    ProviderChoice choice = choose(preference, OrtEnvironment.getAvailableProviders());
    LOG.info(choice.describe());
    int threads = intraOpThreads > 0 ? intraOpThreads : defaultIntraOpThreads(cores());
    return new OnnxHost(environment, choice, threads);
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Threads per inference when none is asked for: a quarter of the cores, at least one. An analysis
   * runs the face models and the voice models at once beside FFmpeg's decoder threads, so each
   * inference gets a share of the cores rather than all of them; on 2 busy cores one thread each
   * ran an analysis about twice as fast as ONNX Runtime's default of one spinning thread per core
   * (docs/performance.md, which also has the figures for two threads without spinning).
   */
  static int defaultIntraOpThreads(int cores) {
    return Math.max(1, cores / 4);
  }

  static ProviderChoice choose(DevicePreference preference, Set<OrtProvider> available) {
    List<ExecutionProvider> wanted =
        switch (preference) {
          case AUTO -> List.of(ExecutionProvider.CUDA, ExecutionProvider.DIRECTML);
          case CUDA -> List.of(ExecutionProvider.CUDA);
          case DIRECTML -> List.of(ExecutionProvider.DIRECTML);
          case CPU -> List.of();
        };
    List<String> reasons = new ArrayList<>();
    for (ExecutionProvider provider : wanted) {
      String problem = probe(provider, available);
      if (problem == null) {
        return new ProviderChoice(provider, reasons);
      }
      reasons.add(provider.displayName() + ": " + problem);
    }
    return new ProviderChoice(ExecutionProvider.CPU, reasons);
  }

  /** Returns why {@code provider} cannot be used, or {@code null} when it can. */
  private static String probe(ExecutionProvider provider, Set<OrtProvider> available) {
    OrtProvider ortProvider =
        provider == ExecutionProvider.CUDA ? OrtProvider.CUDA : OrtProvider.DIRECT_ML;
    if (!available.contains(ortProvider)) {
      return "not in this ONNX Runtime build (it carries "
          + available
          + "; the "
          + (provider == ExecutionProvider.CUDA
              ? "'gpu' Maven profile builds with CUDA"
              : "Maven builds carry no DirectML")
          + ")";
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      addProvider(options, provider);
      return null;
    } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
      return firstLine(e.getMessage());
    }
  }

  private static void addProvider(OrtSession.SessionOptions options, ExecutionProvider provider)
      throws OrtException {
    switch (provider) {
      case CUDA -> options.addCUDA(0);
      case DIRECTML -> options.addDirectML(0);
      case CPU -> {}
    }
  }

  public ProviderChoice providerChoice() {
    return choice;
  }

  /** Threads per inference the sessions are opened with. */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /** The providers this ONNX Runtime build carries. */
  public static Set<ExecutionProvider> providersInBuild() {
    Set<ExecutionProvider> providers = EnumSet.of(ExecutionProvider.CPU);
    EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
    if (available.contains(OrtProvider.CUDA)) {
      providers.add(ExecutionProvider.CUDA);
    }
    if (available.contains(OrtProvider.DIRECT_ML)) {
      providers.add(ExecutionProvider.DIRECTML);
    }
    return providers;
  }

  /**
   * Opens a session on a model after checking its file against the manifest's sha256.
   *
   * @throws ModelException naming the file when it is missing, altered or rejected by the runtime
   */
  public ModelSession open(ModelRegistry registry, InstalledModel model) throws ModelException {
    registry.requireVerified(model);
    return openUnchecked(model);
  }

  /** Opens a session without the checksum check, for files the caller has just written. */
  public ModelSession openUnchecked(InstalledModel model) throws ModelException {
    return open(model, null);
  }

  /**
   * Opens a session on {@code graph}, a graph derived from {@code model}'s verified file (another
   * formulation of the same weights, say); messages name the model's file.
   */
  public ModelSession openDerived(InstalledModel model, byte[] graph) throws ModelException {
    return open(model, graph);
  }

  private ModelSession open(InstalledModel model, byte[] graph) throws ModelException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      // Idle pool threads spinning for work take the cores the other branch and the decoder need.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      addProvider(options, choice.provider());
      OrtSession session =
          graph == null
              ? environment.createSession(model.modelFile().toString(), options)
              : environment.createSession(graph, options);
      return new ModelSession(environment, session, model, choice.provider());
    } catch (OrtException e) {
      throw new ModelException(
          model.modelFile()
              + (graph == null ? "" : " (derived graph)")
              + ": ONNX Runtime refused the model ("
              + firstLine(e.getMessage())
              + ")",
          e);
    }
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
