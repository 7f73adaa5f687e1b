package org.sentio.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerReading;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.affect.pipeline.TranscriptOrigin;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.affect.speech.RecognizedWord;

/**
 * Writes a session as JSON, schema {@value #SCHEMA} (documented in docs/session-json.md). Values a
 * modality does not tell are {@code null}; probabilities are keyed by emotion label.
 */
public final class SessionJson {
  public static final String SCHEMA = "sentio-session/1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Where the JSON Schema of {@value #SCHEMA} lies in this jar (published as docs/schemas/). */
  public static final String SCHEMA_RESOURCE =
      "/org/sentio/reports/schema/sentio-session-1.schema.json";

  private SessionJson() {}

  /** Writes {@code result}, stored as session {@code id}, to {@code out} (left open). */
  public static void write(long id, SessionResult result, OutputStream out) throws IOException {
    JSON.writeValue(out, toTree(id, result));
  }

  /** The JSON tree of a session. */
  public static ObjectNode toTree(long id, SessionResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("id", id);
    root.put("title", result.title());
    root.put("createdAt", result.createdAt().toString());
    root.put("durationSeconds", result.durationSeconds());
    ObjectNode settings = root.putObject("settings");
    settings.put("analysisFps", result.options().analysisFps());
    settings.put("windowSeconds", result.options().windowSeconds());
    settings.put("hopSeconds", result.options().hopSeconds());
    settings.put("fusionMethod", result.fusionMethod());
    root.set("media", media(result.media()));
    ArrayNode models = root.putArray("models");
    for (ModelUse use : result.models()) {
      ObjectNode model = models.addObject();
      model.put("name", use.name());
      model.put("version", use.version());
      model.put("sha256", use.sha256());
      model.put("executionProvider", use.executionProvider());
      model.put("runtime", use.runtime());
    }
    ArrayNode warnings = root.putArray("warnings");
    result.warnings().forEach(warnings::add);
    root.set("transcriptSource", transcriptSource(result.transcriptOrigin()));
    ArrayNode speakers = root.putArray("speakers");
    for (Speaker speaker : result.speakers()) {
      ObjectNode node = speakers.addObject();
      node.put("id", speaker.id());
      node.put("role", speaker.role().id());
      node.put("channel", speaker.channel());
      node.put("faceTrack", speaker.faceTrack());
      node.put("faceTrackNote", speaker.faceTrackNote());
    }
    ArrayNode transcript = root.putArray("transcript");
    for (Utterance u : result.transcript()) {
      ObjectNode node = transcript.addObject();
      node.put("start", u.startSeconds());
      node.put("end", u.endSeconds());
      node.put("text", u.text());
      node.set("affect", estimate(u.affect()));
      node.put("speaker", u.speaker());
      node.put("source", u.source().id());
      number(node, "confidence", u.confidence());
      ArrayNode words = node.putArray("words");
      for (RecognizedWord word : u.words()) {
        ObjectNode w = words.addObject();
        w.put("text", word.text());
        w.put("start", word.startSeconds());
        w.put("end", word.endSeconds());
        w.put("confidence", word.confidence());
      }
      node.put("originalText", u.originalText());
    }
    ArrayNode windows = root.putArray("windows");
    for (AffectWindow w : result.windows()) {
      ObjectNode node = windows.addObject();
      node.put("index", w.index());
      node.put("start", w.startSeconds());
      node.put("end", w.endSeconds());
      ObjectNode modalities = node.putObject("modalities");
      for (Modality m : Modality.values()) {
        modalities.set(m.label(), estimate(w.estimate(m)));
      }
      node.set("fused", fused(w.fused()));
      ArrayNode heard = node.putArray("speakers");
      result.speakersIn(w).forEach(heard::add);
      ArrayNode bySpeaker = node.putArray("bySpeaker");
      for (SpeakerReading reading : result.speakerReadings()) {
        if (reading.windowIndex() == w.index()) {
          ObjectNode own = bySpeaker.addObject();
          own.put("speaker", reading.speaker());
          own.set("voice", estimate(reading.voice()));
          own.set("text", estimate(reading.text()));
          own.set("fused", fused(reading.fused()));
          own.set("face", estimate(reading.face()));
        }
      }
    }
    root.set("expertLoad", expertLoad(result.expertLoad()));
    ArrayNode tracks = root.putArray("faceTracks");
    for (int trackId : result.trackIds()) {
      ObjectNode track = tracks.addObject();
      track.put("track", trackId);
      ArrayNode readings = track.putArray("windows");
      for (TrackReading reading : result.faceTracks()) {
        if (reading.trackId() == trackId) {
          ObjectNode node = readings.addObject();
          node.put("index", reading.windowIndex());
          node.set("emotions", emotions(reading.estimate().emotions()));
          node.put("valence", reading.estimate().valence());
          node.put("arousal", reading.estimate().arousal());
          node.put("confidence", reading.estimate().confidence());
        }
      }
    }
    return root;
  }

  private static ObjectNode transcriptSource(TranscriptOrigin origin) {
    if (origin == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("source", origin.source().id());
    node.put("model", origin.model());
    node.put("version", origin.version());
    node.put("language", origin.language());
    return node;
  }

  private static ObjectNode expertLoad(ExpertTelemetry load) {
    if (load == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("experts", load.experts());
    node.put("topK", load.topK());
    node.put("capacityFactor", load.capacityFactor());
    node.put("batchSize", load.batchSize());
    node.put("windows", load.windows());
    ArrayNode counts = node.putArray("windowsPerExpert");
    ArrayNode share = node.putArray("share");
    ArrayNode idle = JSON.createArrayNode();
    long[] perExpert = load.counts();
    for (int e = 0; e < perExpert.length; e++) {
      counts.add(perExpert[e]);
      share.add(load.share(e));
      if (perExpert[e] == 0) {
        idle.add(e);
      }
    }
    node.put("overflow", load.overflow());
    node.put("deferredWindows", load.deferredWindows());
    node.put("coefficientOfVariation", load.coefficientOfVariation());
    node.set("idleExperts", idle);
    return node;
  }

  private static ObjectNode media(MediaSummary media) {
    if (media == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("path", media.path());
    node.put("format", media.format());
    node.put("durationSeconds", media.durationSeconds());
    if (media.hasVideo()) {
      ObjectNode video = node.putObject("video");
      video.put("codec", media.videoCodec());
      video.put("width", media.width());
      video.put("height", media.height());
      video.put("frameRate", media.frameRate());
    } else {
      node.putNull("video");
    }
    if (media.hasAudio()) {
      ObjectNode audio = node.putObject("audio");
      audio.put("codec", media.audioCodec());
      audio.put("sampleRate", media.sampleRate());
    } else {
      node.putNull("audio");
    }
    return node;
  }

  private static ObjectNode estimate(AffectEstimate e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("present", e.isPresent());
    if (!e.isPresent()) {
      node.put("absence", e.absence().label());
      node.put("absenceDetail", e.absenceDetail());
      return node;
    }
    node.set("emotions", emotions(e.emotions()));
    number(node, "valence", e.valence());
    number(node, "arousal", e.arousal());
    node.put("confidence", e.confidence());
    return node;
  }

  private static ObjectNode fused(FusedEstimate f) {
    ObjectNode node = JSON.createObjectNode();
    node.put("method", f.method());
    node.set("emotions", emotions(f.emotions()));
    node.put("top", f.hasEmotions() ? f.emotions().top().label() : null);
    number(node, "valence", f.valence());
    number(node, "arousal", f.arousal());
    node.put("confidence", f.confidence());
    ObjectNode weights = node.putObject("modalityWeights");
    for (Map.Entry<Modality, Double> entry : f.modalityWeights().entrySet()) {
      weights.put(entry.getKey().label(), entry.getValue());
    }
    ArrayNode experts = node.putArray("experts");
    for (ExpertChoice choice : f.experts()) {
      ObjectNode expert = experts.addObject();
      expert.put("expert", choice.expert());
      expert.put("weight", choice.weight());
    }
    return node;
  }

  private static ObjectNode emotions(EmotionDistribution d) {
    if (d == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    for (Emotion e : Emotion.values()) {
      node.put(e.label(), d.get(e));
    }
    return node;
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isNaN(value)) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }
}
