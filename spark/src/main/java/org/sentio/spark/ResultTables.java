package org.sentio.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;

/**
 * The Parquet tables (schema in docs/spark-job.md), rebuilt on every run from all the session JSONs
 * in {@code OUT/results}: they always describe every result in the folder, once each, whatever
 * earlier runs were interrupted. Windows are partitioned by stream (face, voice, text, fused,
 * track) because queries read one stream of many sessions.
 */
final class ResultTables {
  static final List<String> TABLES = List.of("sessions", "windows", "utterances", "models");
  private static final ObjectMapper JSON = new ObjectMapper();

  static final StructType SESSIONS =
      createStructType(
          List.of(
              createStructField("content_key", StringType, false),
              createStructField("title", StringType, true),
              createStructField("tags", createArrayType(StringType, false), false),
              createStructField("source_path", StringType, true),
              createStructField("transcript_path", StringType, true),
              createStructField("created_at", TimestampType, true),
              createStructField("duration_seconds", DoubleType, false),
              createStructField("analysis_fps", DoubleType, false),
              createStructField("window_seconds", DoubleType, false),
              createStructField("hop_seconds", DoubleType, false),
              createStructField("fusion_method", StringType, true),
              createStructField("media_format", StringType, true),
              createStructField("video_codec", StringType, true),
              createStructField("width", IntegerType, true),
              createStructField("height", IntegerType, true),
              createStructField("frame_rate", DoubleType, true),
              createStructField("audio_codec", StringType, true),
              createStructField("sample_rate", IntegerType, true),
              createStructField("window_count", IntegerType, false),
              createStructField("utterance_count", IntegerType, false),
              createStructField("warnings", createArrayType(StringType, false), false),
              createStructField("result_file", StringType, false)));

  static final StructType EXPERT =
      createStructType(
          List.of(
              createStructField("expert", IntegerType, false),
              createStructField("weight", DoubleType, false)));

  static final StructType WINDOWS = estimateSchema(windowKey(), true);
  static final StructType UTTERANCES = estimateSchema(utteranceKey(), false);

  static final StructType MODELS =
      createStructType(
          List.of(
              createStructField("content_key", StringType, false),
              createStructField("name", StringType, false),
              createStructField("version", StringType, true),
              createStructField("sha256", StringType, false),
              createStructField("execution_provider", StringType, true),
              createStructField("runtime", StringType, true)));

  private ResultTables() {}

  /** Rewrites the four tables under {@code out} from every result there; returns the count. */
  static long rebuild(SparkSession spark, Path out, Configuration hadoop) throws IOException {
    Path results = new Path(out, FileAnalysis.RESULTS);
    FileSystem fs = results.getFileSystem(hadoop);
    List<String> files = new ArrayList<>();
    if (fs.exists(results)) {
      FileStatus[] found = fs.globStatus(new Path(results, "*/*.json"));
      for (FileStatus status : found == null ? new FileStatus[0] : found) {
        files.add(status.getPath().toString());
      }
    }
    files.sort(null);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
    ResultReader conf = new ResultReader(JobContext.entries(hadoop));
    JavaRDD<SessionRows> rows = jsc.parallelize(files, slices).map(conf::read).cache();
    try {
      write(spark, rows.flatMap(r -> r.session().iterator()), SESSIONS, out, "sessions", null);
      write(spark, rows.flatMap(r -> r.windows().iterator()), WINDOWS, out, "windows", "stream");
      write(
          spark, rows.flatMap(r -> r.utterances().iterator()), UTTERANCES, out, "utterances", null);
      write(spark, rows.flatMap(r -> r.models().iterator()), MODELS, out, "models", null);
    } finally {
      rows.unpersist();
    }
    return files.size();
  }

  private static void write(
      SparkSession spark,
      JavaRDD<Row> rows,
      StructType schema,
      Path out,
      String table,
      String partition) {
    var writer = spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite);
    if (partition != null) {
      writer = writer.partitionBy(partition);
    }
    writer.parquet(new Path(out, table).toString());
  }

  /** The Hadoop configuration carried to the tasks that parse the results. */
  private record ResultReader(java.util.Map<String, String> hadoop) implements Serializable {
    private static final long serialVersionUID = 1L;

    SessionRows read(String file) {
      Configuration configuration = new Configuration(false);
      hadoop.forEach(configuration::set);
      Path path = new Path(file);
      try (InputStream in = path.getFileSystem(configuration).open(path)) {
        return SessionRows.of(JSON.readTree(in), file);
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": unreadable result", e);
      }
    }
  }

  /** One session's rows in each table. */
  record SessionRows(List<Row> session, List<Row> windows, List<Row> utterances, List<Row> models)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    static SessionRows of(JsonNode root, String file) {
      JsonNode archive = root.path("archive");
      String key = archive.path("contentKey").asText();
      JsonNode settings = root.path("settings");
      JsonNode media = root.path("media");
      JsonNode video = media.path("video");
      JsonNode audio = media.path("audio");
      Row session =
          RowFactory.create(
              key,
              text(root.get("title")),
              seq(strings(archive.path("tags"))),
              text(archive.get("source")),
              text(archive.get("transcript")),
              root.hasNonNull("createdAt")
                  ? Timestamp.from(Instant.parse(root.get("createdAt").asText()))
                  : null,
              root.path("durationSeconds").asDouble(),
              settings.path("analysisFps").asDouble(),
              settings.path("windowSeconds").asDouble(),
              settings.path("hopSeconds").asDouble(),
              text(settings.get("fusionMethod")),
              text(media.get("format")),
              text(video.get("codec")),
              integer(video.get("width")),
              integer(video.get("height")),
              number(video.get("frameRate")),
              text(audio.get("codec")),
              integer(audio.get("sampleRate")),
              root.path("windows").size(),
              root.path("transcript").size(),
              seq(strings(root.path("warnings"))),
              file);

      List<Row> windows = new ArrayList<>();
      for (JsonNode window : root.path("windows")) {
        int index = window.path("index").asInt();
        double start = window.path("start").asDouble();
        double end = window.path("end").asDouble();
        for (Modality modality : Modality.values()) {
          JsonNode estimate = window.path("modalities").path(modality.label());
          windows.add(
              estimateRow(
                  List.of(key, index, start, end),
                  modality.label(),
                  null,
                  estimate,
                  estimate.path("present").asBoolean()));
        }
        windows.add(
            estimateRow(List.of(key, index, start, end), "fused", null, window.get("fused"), true));
      }
      for (JsonNode track : root.path("faceTracks")) {
        int trackId = track.path("track").asInt();
        for (JsonNode reading : track.path("windows")) {
          int index = reading.path("index").asInt();
          JsonNode window = root.path("windows").path(index);
          windows.add(
              estimateRow(
                  List.of(
                      key, index, window.path("start").asDouble(), window.path("end").asDouble()),
                  "track",
                  trackId,
                  reading,
                  true));
        }
      }

      List<Row> utterances = new ArrayList<>();
      int index = 0;
      for (JsonNode utterance : root.path("transcript")) {
        JsonNode affect = utterance.path("affect");
        utterances.add(
            estimateRow(
                List.of(
                    key,
                    index++,
                    utterance.path("start").asDouble(),
                    utterance.path("end").asDouble(),
                    utterance.path("text").asText()),
                null,
                null,
                affect,
                affect.path("present").asBoolean()));
      }

      List<Row> models = new ArrayList<>();
      for (JsonNode model : root.path("models")) {
        models.add(
            RowFactory.create(
                key,
                text(model.get("name")),
                text(model.get("version")),
                text(model.get("sha256")),
                text(model.get("executionProvider")),
                text(model.get("runtime"))));
      }
      return new SessionRows(List.of(session), windows, utterances, models);
    }

    /**
     * A window or utterance row: the key columns, then (windows only) stream and track, then the
     * estimate: presence, absence, the seven probabilities, top emotion, valence, arousal,
     * confidence, and (windows only) modality weights and experts of a fused estimate.
     */
    private static Row estimateRow(
        List<Object> keyColumns, String stream, Integer track, JsonNode estimate, boolean present) {
      List<Object> values = new ArrayList<>(keyColumns);
      boolean window = keyColumns.size() == 4;
      if (window) {
        values.add(track);
        values.add(stream);
      }
      values.add(present);
      values.add(present ? null : text(estimate.get("absence")));
      JsonNode emotions = estimate.path("emotions");
      Emotion top = null;
      double best = -1;
      for (Emotion emotion : Emotion.values()) {
        Double p = number(emotions.get(emotion.label()));
        values.add(p);
        if (p != null && p > best) {
          best = p;
          top = emotion;
        }
      }
      values.add(top == null ? null : top.label());
      values.add(number(estimate.get("valence")));
      values.add(number(estimate.get("arousal")));
      values.add(number(estimate.get("confidence")));
      if (window) {
        JsonNode weights = estimate.path("modalityWeights");
        for (Modality modality : Modality.values()) {
          values.add(number(weights.get(modality.label())));
        }
        List<Row> experts = new ArrayList<>();
        for (JsonNode expert : estimate.path("experts")) {
          experts.add(
              RowFactory.create(expert.path("expert").asInt(), expert.path("weight").asDouble()));
        }
        values.add(seq(experts));
      }
      return RowFactory.create(values.toArray());
    }
  }

  private static List<org.apache.spark.sql.types.StructField> windowKey() {
    return List.of(
        createStructField("content_key", StringType, false),
        createStructField("window_index", IntegerType, false),
        createStructField("start_seconds", DoubleType, false),
        createStructField("end_seconds", DoubleType, false),
        createStructField("track", IntegerType, true),
        createStructField("stream", StringType, false));
  }

  private static List<org.apache.spark.sql.types.StructField> utteranceKey() {
    return List.of(
        createStructField("content_key", StringType, false),
        createStructField("utterance_index", IntegerType, false),
        createStructField("start_seconds", DoubleType, false),
        createStructField("end_seconds", DoubleType, false),
        createStructField("text", StringType, true));
  }

  private static StructType estimateSchema(
      List<org.apache.spark.sql.types.StructField> key, boolean window) {
    List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>(key);
    fields.add(createStructField("present", BooleanType, false));
    fields.add(createStructField("absence", StringType, true));
    for (Emotion emotion : Emotion.values()) {
      fields.add(createStructField("p_" + emotion.label(), DoubleType, true));
    }
    fields.add(createStructField("top_emotion", StringType, true));
    fields.add(createStructField("valence", DoubleType, true));
    fields.add(createStructField("arousal", DoubleType, true));
    fields.add(createStructField("confidence", DoubleType, true));
    if (window) {
      for (Modality modality : Modality.values()) {
        fields.add(createStructField("weight_" + modality.label(), DoubleType, true));
      }
      fields.add(createStructField("experts", createArrayType(EXPERT, false), true));
    }
    return createStructType(fields);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Integer integer(JsonNode node) {
    return node == null || node.isNull() ? null : node.asInt();
  }

  private static Double number(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  /** Array columns of a {@link Row} are Scala sequences. */
  private static <T> scala.collection.Seq<T> seq(List<T> values) {
    return scala.collection.JavaConverters.asScalaBuffer(values).toList();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }
}
