package org.sentio.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * What every task needs from the driver: the settings, the verified models, where the executors
 * find them, and the driver's Hadoop configuration (file systems, credentials).
 *
 * @param settings the job's command line
 * @param models the models as the driver verified them
 * @param shippedModels the file name of the models zip added to the job, or {@code null} when the
 *     executors use {@link JobSettings#executorModels()}
 * @param hadoop the driver's Hadoop configuration, entry by entry
 */
record JobContext(
    JobSettings settings, ModelSet models, String shippedModels, Map<String, String> hadoop)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The version of the result layout; part of every content key. */
  static final String RESULT_LAYOUT = "sentio-archive/1";

  JobContext {
    hadoop = new TreeMap<>(hadoop);
  }

  static Map<String, String> entries(Configuration configuration) {
    Map<String, String> entries = new TreeMap<>();
    configuration.forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
    return entries;
  }

  Configuration hadoopConfiguration() {
    Configuration configuration = new Configuration(false);
    hadoop.forEach(configuration::set);
    return configuration;
  }

  String executorModels() {
    return settings.executorModels();
  }

  int onnxThreads() {
    return settings.onnxThreads();
  }

  /** Identifies this job's models on an executor: where they come from and what they must be. */
  String modelsKey() {
    String source = shippedModels != null ? "shipped:" + shippedModels : "at:" + executorModels();
    return source + "@" + models.fingerprint();
  }

  /**
   * The part of every content key that is not the files' content: the result layout, the analysis
   * settings and the models' checksums. A change to any of them analyses every file again.
   */
  String settingsKey() {
    var options = settings.options();
    return ModelSet.sha256(
        RESULT_LAYOUT
            + "\nfps="
            + options.analysisFps()
            + "\nwindow="
            + options.windowSeconds()
            + "\nhop="
            + options.hopSeconds()
            + "\nmodels="
            + models.sha256ByName());
  }
}
