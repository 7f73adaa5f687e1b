package org.sentio.app.ui;

import io.micrometer.core.instrument.FunctionCounter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sentio.affect.cache.CacheLevel;
import org.sentio.affect.cache.CacheStats;
import org.sentio.affect.cache.FeatureCache;
import org.sentio.affect.cache.FeatureKind;
import org.sentio.affect.pipeline.AnalysisException;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.ComputePath;
import org.sentio.affect.pipeline.MeasuredResult;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.CacheSettings;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of the desktop process, loaded on first use (off the UI thread) and shared by imports,
 * the review inspector and live capture. Owns the {@link Analyzers}.
 */
public final class Engine implements Analyser, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private final ModelRegistry registry;
  private final DevicePreference device;
  private final List<Path> userSpeechModels;
  private final Path dataDirectory;
  private OnnxHost host;
  private Analyzers analyzers;
  private FeatureCache featureCache = FeatureCache.off();
  private CacheSettings featureCacheSettings;
  private volatile org.sentio.app.monitoring.Monitoring monitoring;

  public Engine(ModelRegistry registry, DevicePreference device) {
    this(registry, device, List.of());
  }

  /** An engine that also finds the speech models the user installed in those folders. */
  public Engine(ModelRegistry registry, DevicePreference device, List<Path> userSpeechModels) {
    this(registry, device, userSpeechModels, null);
  }

  /**
   * An engine as above that keeps computed features in the feature cache of {@code dataDirectory}
   * (sized by {@link CacheSettings}; {@code null} keeps none).
   */
  public Engine(
      ModelRegistry registry,
      DevicePreference device,
      List<Path> userSpeechModels,
      Path dataDirectory) {
    this.registry = registry;
    this.device = device;
    this.userSpeechModels = List.copyOf(userSpeechModels);
    this.dataDirectory = dataDirectory;
  }

  public ModelRegistry registry() {
    return registry;
  }

  /** The ONNX host, started on first call. */
  public synchronized OnnxHost host() {
    if (host == null) {
      host = OnnxHost.start(device, 0);
    }
    return host;
  }

  /** Whether the models have been loaded yet (the Models view then shows the provider in use). */
  public synchronized boolean started() {
    return host != null;
  }

  /**
   * The loaded analyzers.
   *
   * @throws AnalysisException naming the missing or altered model
   */
  public synchronized Analyzers analyzers() throws AnalysisException {
    if (analyzers == null) {
      try {
        analyzers = Analyzers.load(registry, host(), userSpeechModels);
      } catch (ModelException e) {
        throw AnalysisException.internal(e.getMessage(), e);
      }
    }
    return analyzers;
  }

  /** Times every analysis of the app (imports) into {@code monitoring}. */
  public void observe(org.sentio.app.monitoring.Monitoring monitoring) {
    this.monitoring = monitoring;
    for (CacheLevel level : CacheLevel.values()) {
      FunctionCounter.builder(
              org.sentio.app.monitoring.Monitoring.CACHE_REQUESTS,
              this,
              engine -> engine.cacheRequests(level, true))
          .tag("level", level.id())
          .tag("result", "hit")
          .register(monitoring.registry());
      FunctionCounter.builder(
              org.sentio.app.monitoring.Monitoring.CACHE_REQUESTS,
              this,
              engine -> engine.cacheRequests(level, false))
          .tag("level", level.id())
          .tag("result", "miss")
          .register(monitoring.registry());
    }
  }

  /** The feature cache's hits or misses at {@code level} since it was opened by this process. */
  private synchronized double cacheRequests(CacheLevel level, boolean hits) {
    CacheStats stats = featureCache.processStats();
    if (!hits) {
      return stats.misses(level);
    }
    long sum = 0;
    for (FeatureKind kind : FeatureKind.values()) {
      sum += stats.hits(level, kind);
    }
    return sum;
  }

  @Override
  public SessionResult analyse(
      AnalysisRequest request, ProgressListener progress, BooleanSupplier cancelled)
      throws AnalysisException {
    long start = System.nanoTime();
    boolean succeeded = false;
    try {
      MeasuredResult measured =
          new AnalysisPipeline(analyzers(), ComputePath.FAST, featureCache())
              .analyseMeasured(request, progress, cancelled);
      succeeded = true;
      org.sentio.app.monitoring.Monitoring m = monitoring;
      if (m != null) {
        m.modelStages(measured.times());
      }
      return measured.result();
    } finally {
      org.sentio.app.monitoring.Monitoring m = monitoring;
      if (m != null) {
        m.analysis("import", java.time.Duration.ofNanos(System.nanoTime() - start), succeeded);
      }
    }
  }

  /**
   * The feature cache as the settings in the data folder size it now, reopened when the user
   * changed its size in Settings.
   */
  private synchronized FeatureCache featureCache() {
    if (dataDirectory == null) {
      return featureCache;
    }
    CacheSettings now = CacheSettings.load(dataDirectory);
    if (!now.equals(featureCacheSettings)) {
      featureCache.close();
      featureCache = now.open(dataDirectory, line -> LOG.warn("{}", line));
      featureCacheSettings = now;
    }
    return featureCache;
  }

  @Override
  public synchronized void close() {
    featureCache.close();
    if (analyzers != null) {
      try {
        analyzers.close();
      } catch (ModelException e) {
        // closing at exit: nothing left to do
      }
      analyzers = null;
    }
  }
}
