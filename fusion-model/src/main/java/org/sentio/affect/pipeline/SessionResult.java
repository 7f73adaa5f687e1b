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

  /**
   * Starts a session of {@code title}, finished at {@code createdAt}, analysed with {@code
   * options}; everything else is empty (no media, no windows, no transcript, no models, no
   * telemetry, no speakers) until set.
   */
  public static Builder builder(String title, Instant createdAt, AnalysisOptions options) {
    return new Builder(title, createdAt, options);
  }

  /** A builder holding everything of this session, to change some of it. */
  public Builder toBuilder() {
    return new Builder(title, createdAt, options)
        .media(media)
        .durationSeconds(durationSeconds)
        .windows(windows)
        .transcript(transcript)
        .models(models)
        .fusionMethod(fusionMethod)
        .warnings(warnings)
        .faceTracks(faceTracks)
        .expertLoad(expertLoad)
        .speakers(speakers)
        .transcriptOrigin(transcriptOrigin)
        .speakerReadings(speakerReadings);
  }

  /**
   * The one way to make a session other than the canonical constructor: name what the session has,
   * leave out what it does not. A transcript whose origin is not given was given as a file
   * (sessions analysed before speech recognition, live and typed-text sessions).
   */
  public static final class Builder {
    private final String title;
    private final Instant createdAt;
    private final AnalysisOptions options;
    private MediaSummary media;
    private double durationSeconds;
    private List<AffectWindow> windows = List.of();
    private List<Utterance> transcript = List.of();
    private List<ModelUse> models = List.of();
    private String fusionMethod;
    private List<String> warnings = List.of();
    private List<TrackReading> faceTracks = List.of();
    private ExpertTelemetry expertLoad;
    private List<Speaker> speakers = List.of();
    private TranscriptOrigin transcriptOrigin;
    private boolean transcriptOriginGiven;
    private List<SpeakerReading> speakerReadings = List.of();

    private Builder(String title, Instant createdAt, AnalysisOptions options) {
      this.title = title;
      this.createdAt = createdAt;
      this.options = options;
    }

    public Builder media(MediaSummary value) {
      media = value;
      return this;
    }

    public Builder durationSeconds(double value) {
      durationSeconds = value;
      return this;
    }

    public Builder windows(List<AffectWindow> value) {
      windows = value;
      return this;
    }

    public Builder transcript(List<Utterance> value) {
      transcript = value;
      return this;
    }

    public Builder models(List<ModelUse> value) {
      models = value;
      return this;
    }

    public Builder fusionMethod(String value) {
      fusionMethod = value;
      return this;
    }

    public Builder warnings(List<String> value) {
      warnings = value;
      return this;
    }

    public Builder faceTracks(List<TrackReading> value) {
      faceTracks = value;
      return this;
    }

    public Builder expertLoad(ExpertTelemetry value) {
      expertLoad = value;
      return this;
    }

    public Builder speakers(List<Speaker> value) {
      speakers = value;
      return this;
    }

    /** Where the transcript came from; {@code null} for none, even when there is a transcript. */
    public Builder transcriptOrigin(TranscriptOrigin value) {
      transcriptOrigin = value;
      transcriptOriginGiven = true;
      return this;
    }

    public Builder speakerReadings(List<SpeakerReading> value) {
      speakerReadings = value;
      return this;
    }

    public SessionResult build() {
      TranscriptOrigin origin =
          transcriptOriginGiven
              ? transcriptOrigin
              : transcript.isEmpty() ? null : TranscriptOrigin.FILE;
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
          origin,
          speakerReadings);
    }
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
    return toBuilder().transcript(newTranscript).windows(newWindows).build();
  }

  /** This session with the given per-speaker readings. */
  public SessionResult withSpeakerReadings(List<SpeakerReading> readings) {
    return toBuilder().speakerReadings(readings).build();
  }

  /** This session with the given speakers (e.g. another role or a face link). */
  public SessionResult withSpeakers(List<Speaker> newSpeakers) {
    return toBuilder().speakers(newSpeakers).build();
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
