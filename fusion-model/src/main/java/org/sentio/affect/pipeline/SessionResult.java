package org.sentio.affect.pipeline;

import java.time.Instant;
import java.util.List;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.fusion.ExpertTelemetry;

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
 * @param faceTracks each tracked face's reading in each window it was seen in, by window then track
 * @param expertLoad how the MoE fusion routed the windows, or {@code null} when the fusion method
 *     has no experts or the session was stored without it
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
    List<String> warnings,
    List<TrackReading> faceTracks,
    ExpertTelemetry expertLoad) {

  public SessionResult {
    windows = List.copyOf(windows);
    transcript = List.copyOf(transcript);
    models = List.copyOf(models);
    warnings = List.copyOf(warnings);
    faceTracks = List.copyOf(faceTracks);
  }

  /** A session without expert telemetry. */
  public SessionResult(
      String title,
      Instant createdAt,
      MediaSummary media,
      double durationSeconds,
      AnalysisOptions options,
      List<AffectWindow> windows,
      List<Utterance> transcript,
      List<ModelUse> models,
      String fusionMethod,
      List<String> warnings,
      List<TrackReading> faceTracks) {
    this(
        title,
        createdAt,
        media,
        durationSeconds,
        options,
        windows,
        transcript,
        models,
        fusionMethod,
        warnings,
        faceTracks,
        null);
  }

  /** A session without per-track face readings (text-only, live, or stored before tracks). */
  public SessionResult(
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
    this(
        title,
        createdAt,
        media,
        durationSeconds,
        options,
        windows,
        transcript,
        models,
        fusionMethod,
        warnings,
        List.of());
  }

  /** The ids of the tracked faces, in order of first appearance. */
  public List<Integer> trackIds() {
    return faceTracks.stream().map(TrackReading::trackId).distinct().toList();
  }
}
