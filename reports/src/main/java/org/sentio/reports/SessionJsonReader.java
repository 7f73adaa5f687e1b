package org.sentio.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.TranscriptSource;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/**
 * Reads a session JSON ({@value SessionJson#SCHEMA}) back into the {@link SessionResult} that
 * {@link SessionJson#write} wrote: the inverse used by {@code sentio import} (decision 17). Unknown
 * fields are ignored.
 */
public final class SessionJsonReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionJsonReader() {}

  /**
   * Reads one document.
   *
   * @throws IOException when it is not JSON
   * @throws IllegalArgumentException when it is not a {@value SessionJson#SCHEMA} session
   */
  public static SessionResult read(InputStream in) throws IOException {
    return read(JSON.readTree(in));
  }

  /** Rebuilds the session of a parsed document; see {@link #read(InputStream)}. */
  public static SessionResult read(JsonNode root) {
    if (!SessionJson.SCHEMA.equals(root.path("schema").asText())) {
      throw new IllegalArgumentException(
          "not a " + SessionJson.SCHEMA + " session (schema: " + root.path("schema") + ")");
    }
    JsonNode settings = root.path("settings");
    AnalysisOptions options =
        new AnalysisOptions(
            settings.path("analysisFps").asDouble(),
            settings.path("windowSeconds").asDouble(),
            settings.path("hopSeconds").asDouble());
    List<ModelUse> models = new ArrayList<>();
    for (JsonNode model : root.path("models")) {
      models.add(
          new ModelUse(
              text(model, "name"),
              text(model, "version"),
              text(model, "sha256"),
              text(model, "executionProvider"),
              text(model, "runtime")));
    }
    List<String> warnings = new ArrayList<>();
    root.path("warnings").forEach(warning -> warnings.add(warning.asText()));
    List<Utterance> transcript = new ArrayList<>();
    for (JsonNode u : root.path("transcript")) {
      transcript.add(utterance(u));
    }
    List<Speaker> speakers = new ArrayList<>();
    for (JsonNode speaker : root.path("speakers")) {
      speakers.add(
          new Speaker(
              text(speaker, "id"),
              SpeakerRole.of(speaker.path("role").asText()),
              integer(speaker.get("channel")),
              integer(speaker.get("faceTrack")),
              text(speaker, "faceTrackNote")));
    }
    List<AffectWindow> windows = new ArrayList<>();
    List<SpeakerReading> speakerReadings = new ArrayList<>();
    for (JsonNode w : root.path("windows")) {
      for (JsonNode own : w.path("bySpeaker")) {
        SpeakerReading reading =
            new SpeakerReading(
                text(own, "speaker"),
                w.path("index").asInt(),
                estimate(own.path("voice"), Modality.VOICE),
                estimate(own.path("text"), Modality.TEXT),
                fused(own.path("fused")));
        // documents written before a linked face joined a speaker's readings have no "face"
        speakerReadings.add(
            own.has("face")
                ? new SpeakerReading(
                    reading.speaker(),
                    reading.windowIndex(),
                    reading.voice(),
                    reading.text(),
                    reading.fused(),
                    estimate(own.path("face"), Modality.FACE))
                : reading);
      }
      Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
      for (Modality modality : Modality.values()) {
        estimates.put(modality, estimate(w.path("modalities").path(modality.label()), modality));
      }
      windows.add(
          new AffectWindow(
              w.path("index").asInt(),
              w.path("start").asDouble(),
              w.path("end").asDouble(),
              estimates,
              fused(w.path("fused"))));
    }
    List<TrackReading> tracks = new ArrayList<>();
    for (JsonNode track : root.path("faceTracks")) {
      for (JsonNode reading : track.path("windows")) {
        tracks.add(
            new TrackReading(
                track.path("track").asInt(),
                reading.path("index").asInt(),
                AffectEstimate.present(
                    Modality.FACE,
                    emotions(reading.get("emotions")),
                    number(reading.get("valence")),
                    number(reading.get("arousal")),
                    number(reading.get("confidence")))));
      }
    }
    checkSpeakersKnown(speakers, transcript, speakerReadings);
    tracks.sort(
        java.util.Comparator.comparingInt(TrackReading::windowIndex)
            .thenComparingInt(TrackReading::trackId));
    return SessionResult.builder(
            text(root, "title"), Instant.parse(root.path("createdAt").asText()), options)
        .media(media(root.get("media")))
        .durationSeconds(root.path("durationSeconds").asDouble())
        .windows(windows)
        .transcript(transcript)
        .models(models)
        .fusionMethod(text(settings, "fusionMethod"))
        .warnings(warnings)
        .faceTracks(tracks)
        .expertLoad(expertLoad(root.get("expertLoad")))
        .speakers(speakers)
        .transcriptOrigin(transcriptOrigin(root.get("transcriptSource"), transcript))
        .speakerReadings(speakerReadings)
        .build();
  }

  /** One transcript entry with its speaker, source, confidence, words and recognised text. */
  private static Utterance utterance(JsonNode u) {
    List<RecognizedWord> words = new ArrayList<>();
    for (JsonNode word : u.path("words")) {
      words.add(
          new RecognizedWord(
              text(word, "text"),
              word.path("start").asDouble(),
              word.path("end").asDouble(),
              word.path("confidence").asDouble()));
    }
    JsonNode source = u.get("source");
    return new Utterance(
        u.path("start").asDouble(),
        u.path("end").asDouble(),
        text(u, "text"),
        estimate(u.path("affect"), Modality.TEXT),
        text(u, "speaker"),
        source == null || source.isNull()
            ? TranscriptSource.FILE
            : TranscriptSource.of(source.asText()),
        number(u.get("confidence")),
        words,
        text(u, "originalText"));
  }

  /**
   * Where the transcript came from; documents written before {@code transcriptSource} existed read
   * as a file transcript when they have one (as the store reads sessions stored before it).
   */
  private static TranscriptOrigin transcriptOrigin(JsonNode node, List<Utterance> transcript) {
    if (node == null || node.isNull()) {
      return transcript.isEmpty() ? null : TranscriptOrigin.FILE;
    }
    return new TranscriptOrigin(
        TranscriptSource.of(node.path("source").asText()),
        text(node, "model"),
        text(node, "version"),
        text(node, "language"));
  }

  /** Utterances and per-speaker readings may name only the document's speakers. */
  private static void checkSpeakersKnown(
      List<Speaker> speakers, List<Utterance> transcript, List<SpeakerReading> readings) {
    Set<String> known = new HashSet<>();
    speakers.forEach(speaker -> known.add(speaker.id()));
    for (Utterance u : transcript) {
      if (u.speaker() != null && !known.contains(u.speaker())) {
        throw new IllegalArgumentException(
            "transcript entry at "
                + u.startSeconds()
                + " s names speaker "
                + u.speaker()
                + ", which is not in speakers "
                + known);
      }
    }
    for (SpeakerReading r : readings) {
      if (!known.contains(r.speaker())) {
        throw new IllegalArgumentException(
            "window "
                + r.windowIndex()
                + " bySpeaker names speaker "
                + r.speaker()
                + ", which is not in speakers "
                + known);
      }
    }
  }

  private static Integer integer(JsonNode node) {
    return node == null || node.isNull() ? null : node.asInt();
  }

  private static MediaSummary media(JsonNode media) {
    if (media == null || media.isNull()) {
      return null;
    }
    JsonNode video = media.path("video");
    JsonNode audio = media.path("audio");
    boolean hasVideo = video.isObject();
    boolean hasAudio = audio.isObject();
    return new MediaSummary(
        text(media, "path"),
        text(media, "format"),
        media.path("durationSeconds").asDouble(),
        hasVideo ? text(video, "codec") : null,
        hasVideo ? video.path("width").asInt() : 0,
        hasVideo ? video.path("height").asInt() : 0,
        hasVideo ? video.path("frameRate").asDouble() : 0,
        hasAudio ? text(audio, "codec") : null,
        hasAudio ? audio.path("sampleRate").asInt() : 0);
  }

  private static AffectEstimate estimate(JsonNode node, Modality modality) {
    if (!node.path("present").asBoolean()) {
      return AffectEstimate.absent(
          modality, absence(node.path("absence").asText()), text(node, "absenceDetail"));
    }
    return AffectEstimate.present(
        modality,
        emotions(node.get("emotions")),
        number(node.get("valence")),
        number(node.get("arousal")),
        number(node.get("confidence")));
  }

  private static FusedEstimate fused(JsonNode node) {
    Map<Modality, Double> weights = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      JsonNode weight = node.path("modalityWeights").get(modality.label());
      if (weight != null && !weight.isNull()) {
        weights.put(modality, weight.asDouble());
      }
    }
    List<ExpertChoice> experts = new ArrayList<>();
    for (JsonNode expert : node.path("experts")) {
      experts.add(
          new ExpertChoice(expert.path("expert").asInt(), expert.path("weight").asDouble()));
    }
    return new FusedEstimate(
        emotions(node.get("emotions")),
        number(node.get("valence")),
        number(node.get("arousal")),
        number(node.get("confidence")),
        weights,
        experts,
        text(node, "method"));
  }

  private static ExpertTelemetry expertLoad(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode perExpert = node.path("windowsPerExpert");
    long[] counts = new long[perExpert.size()];
    for (int e = 0; e < counts.length; e++) {
      counts[e] = perExpert.get(e).asLong();
    }
    return new ExpertTelemetry(
        node.path("experts").asInt(),
        node.path("topK").asInt(),
        node.path("capacityFactor").asDouble(),
        node.path("batchSize").asInt(),
        node.path("windows").asInt(),
        counts,
        node.path("overflow").asInt(),
        node.path("deferredWindows").asInt());
  }

  private static EmotionDistribution emotions(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    double[] p = new double[Emotion.COUNT];
    for (Emotion emotion : Emotion.values()) {
      p[emotion.ordinal()] = node.path(emotion.label()).asDouble();
    }
    return EmotionDistribution.of(p);
  }

  private static AbsenceReason absence(String label) {
    for (AbsenceReason reason : AbsenceReason.values()) {
      if (reason.label().equals(label)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("unknown absence '" + label + "'");
  }

  /** A number, or NaN for null and for the "NaN" Jackson writes for a missing measurement. */
  private static double number(JsonNode node) {
    if (node == null || node.isNull()) {
      return Double.NaN;
    }
    return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
