package org.sentio.affect.pipeline;

import java.time.Instant;
import java.util.List;
import org.sentio.affect.AffectWindow;

/**
 * A finished analysis: a plain value that the store saves and reports render.
 *
 * @param title what the user calls the session
 * @param createdAt when the analysis finished
 * @param media the analysed media file, or {@code null} for a text-only session
 * @param durationSeconds the analysed span
 * @param options the settings the analysis ran with
 * @param windows the windows in time order
 * @param transcript the timed transcript with per-utterance affect
 * @param models the models used
 * @param fusionMethod the name of the fusion method
 * @param warnings problems that did not stop the analysis, one line each
 */
public record SessionResult(
    String title,
    Instant createdAt,
    MediaSummary media,
    double durationSeconds,
    AnalysisOptions options,
    List<AffectWindow> windows,
    List<Utterance> transcript,
    List<ModelUse> models,
    String fusionMethod,
    List<String> warnings) {

  public SessionResult {
    windows = List.copyOf(windows);
    transcript = List.copyOf(transcript);
    models = List.copyOf(models);
    warnings = List.copyOf(warnings);
  }
}
