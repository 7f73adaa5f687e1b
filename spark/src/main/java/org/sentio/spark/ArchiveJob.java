package org.sentio.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark job: {@code spark-submit --class org.sentio.spark.ArchiveJob sentio-spark-job.jar --out
 * DIR INPUT…} (docs/spark-job.md). Each input file is one task that analyses the whole session on
 * an executor; the driver then rebuilds the Parquet tables and writes {@code DIR/summary.json}.
 * Exit codes: 0 done (failed files are listed in the summary), 2 bad input, 1 internal error.
 */
public final class ArchiveJob {
  // The one-line message goes to stderr; the stack trace belongs in Spark's driver log.
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveJob.class);

  static final String SUMMARY = "summary.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ArchiveJob() {}

  public static void main(String[] args) {
    int code;
    try {
      JobSettings settings = JobSettings.parse(args, defaultModels());
      if (System.getProperty(DriverClassPath.SUBMITTED) == null) {
        Thread current = Thread.currentThread();
        current.setContextClassLoader(
            DriverClassPath.withExtraClassPath(
                System.getProperty(DriverClassPath.EXTRA_CLASS_PATH),
                current.getContextClassLoader()));
      }
      Summary summary = run(settings);
      System.out.println(summary.describe());
      code = 0;
    } catch (JobInputException e) {
      System.err.println("sentio archive job: " + e.getMessage());
      code = 2;
    } catch (Exception e) {
      System.err.println("sentio archive job: internal error: " + FileAnalysis.oneLine(e));
      LOG.error("archive job failed", e);
      code = 1;
    }
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the job in this JVM's Spark session (made from {@code settings.master()} when spark-submit
   * did not provide one) and stops the session it made.
   *
   * @throws JobInputException when the models, the inputs or the output folder are unusable
   */
  public static Summary run(JobSettings settings) throws JobInputException, IOException {
    ModelSet models = verifiedModels(settings);
    SparkConf conf = new SparkConf().setAppName("sentio-archive");
    if (settings.master() != null) {
      conf.setMaster(settings.master());
    } else if (!conf.contains("spark.master")) {
      throw new JobInputException("no Spark master: run through spark-submit or give --master");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      return run(spark, settings, models);
    } finally {
      spark.stop();
    }
  }

  /** Runs the job in {@code spark}, which stays open. */
  public static Summary run(SparkSession spark, JobSettings settings)
      throws JobInputException, IOException {
    return run(spark, settings, verifiedModels(settings));
  }

  private static Summary run(SparkSession spark, JobSettings settings, ModelSet models)
      throws JobInputException, IOException {
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    Path out = new Path(settings.out());
    FileSystem outFs;
    try {
      outFs = out.getFileSystem(hadoop);
      outFs.mkdirs(out);
    } catch (IOException | RuntimeException e) {
      // Hadoop reports a file system whose client is not on the class path (s3a without
      // hadoop-aws) as a RuntimeException wrapping ClassNotFoundException.
      throw new JobInputException(
          settings.out() + ": cannot create the output folder (" + FileAnalysis.oneLine(e) + ")",
          e);
    }
    InputListing.Listing listing =
        InputListing.list(settings.inputs(), hadoop, path -> parquetManifest(spark, path));
    // A local master's executor is this JVM: it reads the driver's verified folder in place
    // instead of a zipped copy (zipping ~100 MB of models cost more than a short file's analysis).
    JobSettings taskSettings =
        settings.executorModels() == null && jsc.isLocal()
            ? settings.withExecutorModels(settings.models())
            : settings;
    String shipped = taskSettings.executorModels() == null ? ship(jsc, settings, models) : null;
    Broadcast<JobContext> context =
        jsc.broadcast(new JobContext(taskSettings, models, shipped, JobContext.entries(hadoop)));

    List<FileOutcome> outcomes = new ArrayList<>(listing.failures());
    if (!listing.entries().isEmpty()) {
      outcomes.addAll(
          jsc.parallelize(listing.entries(), listing.entries().size())
              .map(entry -> new FileAnalysis(context.value()).analyse(entry))
              .collect());
    }
    long sessions = ResultTables.rebuild(spark, out, hadoop);
    Summary summary = new Summary(outcomes, sessions, (System.nanoTime() - start) / 1e9);
    writeSummary(outFs, new Path(out, SUMMARY), summary);
    return summary;
  }

  /** A Parquet manifest's rows; an array column (tags) is joined with ';'. */
  private static List<Map<String, String>> parquetManifest(SparkSession spark, String path) {
    Dataset<Row> manifest = spark.read().parquet(path);
    String[] columns = manifest.columns();
    List<Map<String, String>> rows = new ArrayList<>();
    for (Row row : manifest.collectAsList()) {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < columns.length; i++) {
        Object value = row.get(i);
        if (value instanceof scala.collection.Seq<?> seq) {
          value = seq.mkString(";");
        }
        values.put(columns[i], value == null ? null : value.toString());
      }
      rows.add(values);
    }
    return rows;
  }

  private static ModelSet verifiedModels(JobSettings settings) throws JobInputException {
    try {
      return ModelSet.verify(
          new ModelRegistry(
              java.nio.file.Path.of(settings.models()),
              "give --models the folder of Sentio's resources/models"));
    } catch (ModelException e) {
      throw new JobInputException(e.getMessage(), e);
    }
  }

  /** Zips the driver's models and adds the zip to the job; returns its file name. */
  private static String ship(JavaSparkContext jsc, JobSettings settings, ModelSet models)
      throws IOException {
    java.nio.file.Path folder = Files.createTempDirectory("sentio-models-");
    java.nio.file.Path zip = folder.resolve("sentio-models-" + models.fingerprint() + ".zip");
    ModelSet.zip(java.nio.file.Path.of(settings.models()), zip);
    jsc.addFile(zip.toString());
    zip.toFile().deleteOnExit();
    folder.toFile().deleteOnExit();
    return zip.getFileName().toString();
  }

  private static void writeSummary(FileSystem fs, Path target, Summary summary) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("files", summary.files());
    root.put("done", summary.count(FileOutcome.Status.DONE));
    root.put("skipped", summary.count(FileOutcome.Status.SKIPPED));
    ArrayNode failed = root.putArray("failed");
    for (FileOutcome outcome : summary.outcomes()) {
      if (outcome.status() == FileOutcome.Status.FAILED) {
        failed.addObject().put("path", outcome.path()).put("reason", outcome.reason());
      }
    }
    root.put("seconds", summary.seconds());
    root.put("mediaSeconds", summary.mediaSeconds());
    root.put("sessionsInTables", summary.sessionsInTables());
    try (OutputStream out = fs.create(target, true)) {
      JSON.writeValue(out, root);
    }
  }

  /** Where the models are when --models is not given: the Sentio installation's models. */
  static java.nio.file.Path defaultModels() {
    String home = System.getProperty("sentio.home", System.getenv("SENTIO_HOME"));
    java.nio.file.Path base =
        home == null || home.isBlank() ? java.nio.file.Path.of("") : java.nio.file.Path.of(home);
    return base.resolve("resources").resolve("models").toAbsolutePath();
  }

  /**
   * What the job did.
   *
   * @param outcomes one per input file
   * @param sessionsInTables sessions in the rebuilt tables (this run's and earlier runs')
   * @param seconds the job's wall time
   */
  public record Summary(List<FileOutcome> outcomes, long sessionsInTables, double seconds) {
    public Summary {
      outcomes = List.copyOf(outcomes);
    }

    public int files() {
      return outcomes.size();
    }

    public long count(FileOutcome.Status status) {
      return outcomes.stream().filter(outcome -> outcome.status() == status).count();
    }

    /** Media seconds analysed in this run (skipped files count nothing). */
    public double mediaSeconds() {
      return outcomes.stream().mapToDouble(FileOutcome::mediaSeconds).sum();
    }

    String describe() {
      StringBuilder text =
          new StringBuilder(
              String.format(
                  java.util.Locale.ROOT,
                  "%d files: %d done, %d skipped, %d failed in %.1f s",
                  files(),
                  count(FileOutcome.Status.DONE),
                  count(FileOutcome.Status.SKIPPED),
                  count(FileOutcome.Status.FAILED),
                  seconds));
      outcomes.stream()
          .filter(outcome -> outcome.status() == FileOutcome.Status.FAILED)
          .forEach(outcome -> text.append("\n  failed: ").append(outcome.reason()));
      return text.toString();
    }
  }
}
