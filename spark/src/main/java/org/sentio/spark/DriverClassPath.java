package org.sentio.spark;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spark.driver.extraClassPath} for a driver that spark-submit did not start ({@code sentio
 * cluster run} without a Spark installation runs the driver from the build's argfile, ADR 0051):
 * spark-submit would put those jars on the driver's class path; here they become the context class
 * loader that Spark's Hadoop configuration, the local executor and the tasks load classes through.
 * This is how the driver gets a Hadoop file system client that the build does not carry, such as
 * S3's ({@code hadoop-aws} and the AWS SDK bundle, docs/spark-job.md, ADR 0053).
 */
final class DriverClassPath {
  static final String EXTRA_CLASS_PATH = "spark.driver.extraClassPath";

  /** Set by spark-submit for every driver it starts; it has applied the extra class path then. */
  static final String SUBMITTED = "spark.submit.deployMode";

  private DriverClassPath() {}

  /**
   * A class loader over {@code parent} and the entries of {@code classPath} (jars or folders,
   * separated by the platform's path separator), or {@code parent} when there are none.
   *
   * @throws JobInputException naming an entry that does not exist
   */
  static ClassLoader withExtraClassPath(String classPath, ClassLoader parent)
      throws JobInputException {
    if (classPath == null || classPath.isBlank()) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        throw new JobInputException(
            EXTRA_CLASS_PATH
                + ": "
                + entry
                + " does not exist; give the jars' paths on this machine (for S3: hadoop-aws 3.3.4"
                + " and aws-java-sdk-bundle 1.12.262)");
      }
      try {
        urls.add(path.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new JobInputException(EXTRA_CLASS_PATH + ": " + entry + ": not a usable path", e);
      }
    }
    return urls.isEmpty()
        ? parent
        : new URLClassLoader("spark-driver-extra-class-path", urls.toArray(URL[]::new), parent);
  }
}
