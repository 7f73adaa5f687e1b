package org.sentio.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisPipeline;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * The demo analysed as {@code sentio analyze} does (same models, default settings, the fast path),
 * and the comparison of the job's tables with it.
 */
final class DirectRun {
  static final double TOLERANCE = 1e-4;
  static final Path ROOT = Path.of(System.getProperty("sentio.root.dir", "..")).toAbsolutePath();
  static final Path MODELS = ROOT.resolve("resources/models");
  static final Path DEMO = ROOT.resolve("resources/demo/demo.mp4");
  static final Path DEMO_TRANSCRIPT = ROOT.resolve("resources/demo/demo.srt");

  private static SessionResult demo;

  private DirectRun() {}

  /** The demo with its transcript, analysed once per test JVM. */
  static synchronized SessionResult demo() throws Exception {
    if (demo == null) {
      ModelRegistry registry = new ModelRegistry(MODELS, "restore resources/models");
      OnnxHost host = OnnxHost.start(DevicePreference.AUTO, 1);
      try (Analyzers analyzers = Analyzers.load(registry, host)) {
        demo =
            new AnalysisPipeline(analyzers)
                .analyse(
                    new AnalysisRequest(
                        DEMO, DEMO_TRANSCRIPT, null, "demo.mp4", AnalysisOptions.DEFAULT),
                    (done, total, stage) -> {},
                    () -> false);
      }
    }
    return demo;
  }

  /** Asserts that the tables under {@code out} hold {@code expected} as session {@code key}. */
  static void assertTablesMatch(SparkSession spark, Path out, String key, SessionResult expected) {
    Dataset<Row> windows =
        spark
            .read()
            .parquet(out.resolve("windows").toString())
            .where("content_key = '" + key + "'");
    for (Modality modality : Modality.values()) {
      List<Row> rows =
          windows
              .where("stream = '" + modality.label() + "'")
              .orderBy("window_index")
              .collectAsList();
      assertThat(rows).hasSize(expected.windows().size());
      for (int i = 0; i < rows.size(); i++) {
        AffectWindow window = expected.windows().get(i);
        assertThat(rows.get(i).<Integer>getAs("window_index")).isEqualTo(window.index());
        assertEstimate(rows.get(i), window.estimate(modality));
      }
    }
    List<Row> fused = windows.where("stream = 'fused'").orderBy("window_index").collectAsList();
    assertThat(fused).hasSize(expected.windows().size());
    for (int i = 0; i < fused.size(); i++) {
      FusedEstimate estimate = expected.windows().get(i).fused();
      Row row = fused.get(i);
      assertThat(row.<Double>getAs("start_seconds"))
          .isCloseTo(expected.windows().get(i).startSeconds(), within(TOLERANCE));
      assertEmotions(row, estimate.emotions());
      assertNumber(row, "valence", estimate.valence());
      assertNumber(row, "arousal", estimate.arousal());
      assertNumber(row, "confidence", estimate.confidence());
      for (Modality modality : Modality.values()) {
        Double weight = estimate.modalityWeights().get(modality);
        assertNumber(row, "weight_" + modality.label(), weight == null ? Double.NaN : weight);
      }
    }
    List<Row> utterances =
        spark
            .read()
            .parquet(out.resolve("utterances").toString())
            .where("content_key = '" + key + "'")
            .orderBy("utterance_index")
            .collectAsList();
    assertThat(utterances).hasSize(expected.transcript().size());
    for (int i = 0; i < utterances.size(); i++) {
      Utterance utterance = expected.transcript().get(i);
      assertThat(utterances.get(i).<String>getAs("text")).isEqualTo(utterance.text());
      assertEstimate(utterances.get(i), utterance.affect());
    }
  }

  private static void assertEstimate(Row row, AffectEstimate estimate) {
    assertThat(row.<Boolean>getAs("present")).isEqualTo(estimate.isPresent());
    if (!estimate.isPresent()) {
      assertThat(row.<String>getAs("absence")).isEqualTo(estimate.absence().label());
      return;
    }
    assertEmotions(row, estimate.emotions());
    assertNumber(row, "valence", estimate.valence());
    assertNumber(row, "arousal", estimate.arousal());
    assertNumber(row, "confidence", estimate.confidence());
  }

  private static void assertEmotions(Row row, EmotionDistribution emotions) {
    for (Emotion emotion : Emotion.values()) {
      assertNumber(
          row, "p_" + emotion.label(), emotions == null ? Double.NaN : emotions.get(emotion));
    }
  }

  private static void assertNumber(Row row, String column, double expected) {
    Double actual = row.getAs(column);
    if (Double.isNaN(expected)) {
      assertThat(actual).as(column).isNull();
    } else {
      assertThat(actual).as(column).isNotNull().isCloseTo(expected, within(TOLERANCE));
    }
  }
}
