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
   * @param intraOpThreads threads per inference, 0 for ONNX Runtime's default
   */
  public static OnnxHost start(DevicePreference preference, int intraOpThreads) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    ProviderChoice choice = choose(preference, OrtEnvironment.getAvailableProviders());
    LOG.info(choice.describe());
    return new OnnxHost(environment, choice, intraOpThreads);
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
      if (intraOpThreads > 0) {
        options.setIntraOpNumThreads(intraOpThreads);
      }
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
