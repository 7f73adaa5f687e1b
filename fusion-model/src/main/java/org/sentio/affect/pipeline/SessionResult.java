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
 * @param speakers the people told apart in the recording (empty when speakers were not told apart)
 * @param transcriptOrigin where the transcript came from, or {@code null} when there is none
 * @param speakerReadings each speaker's voice, text and fused reading per window, by window then
 *     speaker (empty when speakers were not told apart)
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
    ExpertTelemetry expertLoad,
    List<Speaker> speakers,
    TranscriptOrigin transcriptOrigin,
    List<SpeakerReading> speakerReadings) {

  public SessionResult {
    windows = List.copyOf(windows);
    transcript = List.copyOf(transcript);
    models = List.copyOf(models);
    warnings = List.copyOf(warnings);
    faceTracks = List.copyOf(faceTracks);
    speakers = speakers == null ? List.of() : List.copyOf(speakers);
    speakerReadings = speakerReadings == null ? List.of() : List.copyOf(speakerReadings);
  }

  /** A session without per-speaker readings (stored before them, or imported). */
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
      List<TrackReading> faceTracks,
      ExpertTelemetry expertLoad,
      List<Speaker> speakers,
      TranscriptOrigin transcriptOrigin) {
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
        expertLoad,
        speakers,
        transcriptOrigin,
        List.of());
  }

  /**
   * A session without speakers; a transcript, if any, was given as a file (sessions analysed before
   * speech recognition, live and typed-text sessions).
   */
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
      List<TrackReading> faceTracks,
      ExpertTelemetry expertLoad) {
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
        expertLoad,
        List.of(),
        transcript.isEmpty() ? null : TranscriptOrigin.FILE);
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

  /**
   * The ids of the speakers heard in a window: those of the utterances overlapping it, in order of
   * first appearance; empty when no utterance there has a speaker.
   */
  public List<String> speakersIn(AffectWindow window) {
    return transcript.stream()
        .filter(u -> u.speaker() != null)
        .filter(
            u ->
                Math.min(window.endSeconds(), u.endSeconds())
                    > Math.max(window.startSeconds(), u.startSeconds()))
        .map(Utterance::speaker)
        .distinct()
        .toList();
  }

  /** This session with another transcript and the windows re-read from it. */
  public SessionResult withTranscript(
      List<Utterance> newTranscript, List<AffectWindow> newWindows) {
    return new SessionResult(
        title,
        createdAt,
        media,
        durationSeconds,
        options,
        newWindows,
        newTranscript,
        models,
        fusionMethod,
        warnings,
        faceTracks,
        expertLoad,
        speakers,
        transcriptOrigin,
        speakerReadings);
  }

  /** This session with the given per-speaker readings. */
  public SessionResult withSpeakerReadings(List<SpeakerReading> readings) {
    return new SessionResult(
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
        expertLoad,
        speakers,
        transcriptOrigin,
        readings);
  }

  /** This session with the given speakers (e.g. another role or a face link). */
  public SessionResult withSpeakers(List<Speaker> newSpeakers) {
    return new SessionResult(
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
        expertLoad,
        newSpeakers,
        transcriptOrigin,
        speakerReadings);
  }

  /** The readings of one speaker, in window order. */
  public List<SpeakerReading> readingsOf(String speakerId) {
    return speakerReadings.stream().filter(r -> r.speaker().equals(speakerId)).toList();
  }

  /** The ids of the tracked faces, in order of first appearance. */
  public List<Integer> trackIds() {
    return faceTracks.stream().map(TrackReading::trackId).distinct().toList();
  }
}
