package org.sentio.affect.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sentio.affect.cache.ContentHash;
import org.sentio.affect.cache.FaceFrame;
import org.sentio.affect.cache.FeatureCache;
import org.sentio.affect.cache.FeatureKey;
import org.sentio.affect.cache.FeatureKind;
import org.sentio.affect.cache.SpeakerLabels;
import org.sentio.affect.cache.StreamFacts;
import org.sentio.affect.cache.VoiceFeatures;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceVerifier;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.SpeechModelManifest;
import org.sentio.affect.speech.SpeechModels;
import org.sentio.affect.speech.SpeechRecognizer;
import org.sentio.affect.vad.SileroVad;

/**
 * What the feature cache holds for one media analysis: the keys of each kind (content hash,
 * settings and the sha256 of each model feeding it) and the entries found under them. The pipeline
 * asks it once before decoding and hands it what it computed afterwards; with the cache off every
 * lookup is empty and nothing is stored.
 */
final class CachedMedia {
  private static final List<String> FACE_MODELS =
      List.of(BlazeFaceDetector.MODEL, FaceVerifier.MODEL, ExpressionClassifier.DEFAULT);
  private static final List<String> VOICE_MODELS =
      List.of(Analyzers.VOICE_ACTIVITY, Analyzers.VOICE_AFFECT);
  private static final String SPEAKER_MANIFEST = "manifest.json";

  private final FeatureCache cache;
  private final FeatureKey streamKey;
  private final FeatureKey faceKey;
  private final FeatureKey voiceKey;
  private final FeatureKey wordsKey;
  private final Optional<StreamFacts> stream;
  private final Optional<List<FaceFrame>> faces;
  private final Optional<VoiceFeatures> voice;
  private final Optional<List<RecognizedWord>> words;
  private final boolean needsFaces;
  private final boolean needsVoice;

  private CachedMedia(
      FeatureCache cache,
      String contentHash,
      Analyzers analyzers,
      AnalysisOptions options,
      ComputePath path,
      SpeedLevers levers,
      SpeechRecognizer recognizer,
      boolean hasVideo,
      boolean hasAudio) {
    this.cache = cache;
    this.needsFaces = hasVideo;
    this.needsVoice = hasAudio;
    if (contentHash == null) {
      streamKey = faceKey = voiceKey = wordsKey = null;
      stream = Optional.empty();
      faces = Optional.empty();
      voice = Optional.empty();
      words = Optional.empty();
      return;
    }
    Keys keys =
        keys(
            contentHash,
            analyzers.modelsUsed(),
            options,
            path,
            levers,
            recognizer == null ? null : recognizer.model().manifest());
    streamKey = keys.stream();
    faceKey = keys.face();
    voiceKey = keys.voice();
    wordsKey = keys.words();
    stream = cache.stream(streamKey);
    faces = hasVideo ? cache.faces(faceKey) : Optional.empty();
    voice = hasAudio ? cache.voice(voiceKey) : Optional.empty();
    words = wordsKey == null ? Optional.empty() : cache.words(wordsKey);
  }

  /** The key of each kind of entry of one media analysis; {@code words} is null without ASR. */
  record Keys(FeatureKey stream, FeatureKey face, FeatureKey voice, FeatureKey words) {}

  /**
   * The keys of a media analysis: each kind is keyed by the content hash, the settings that shape
   * it and the sha256 of the models that feed it, and by nothing else.
   *
   * @param speech the speech model's manifest, or {@code null} when no words are recognised
   */
  static Keys keys(
      String contentHash,
      List<ModelUse> models,
      AnalysisOptions options,
      ComputePath path,
      SpeechModelManifest speech) {
    return keys(contentHash, models, options, path, SpeedLevers.NONE, speech);
  }

  /**
   * The keys of a media analysis with speed levers pulled: the levers that change which frames are
   * decoded or where faces are detected key the stream and the faces.
   */
  static Keys keys(
      String contentHash,
      List<ModelUse> models,
      AnalysisOptions options,
      ComputePath path,
      SpeedLevers levers,
      SpeechModelManifest speech) {
    FeatureKey stream =
        FeatureKey.of(FeatureKind.STREAM, contentHash)
            .setting("fps", options.analysisFps())
            .setting("referenceFramesOnly", String.valueOf(levers.referenceFramesOnly()))
            .setting("sampleRate", SileroVad.SAMPLE_RATE)
            .build();
    FeatureKey.Builder face =
        FeatureKey.of(FeatureKind.FACE, contentHash)
            .setting("fps", options.analysisFps())
            .setting("path", path.name())
            .setting("faceDetectionInterval", levers.faceDetectionInterval())
            .setting("referenceFramesOnly", String.valueOf(levers.referenceFramesOnly()));
    FeatureKey.Builder voice =
        FeatureKey.of(FeatureKind.VOICE, contentHash)
            .setting("window", options.windowSeconds())
            .setting("hop", options.hopSeconds())
            .setting("sampleRate", SileroVad.SAMPLE_RATE);
    for (ModelUse model : models) {
      if (FACE_MODELS.contains(model.name())) {
        face.model(model.name(), model.sha256());
      }
      if (VOICE_MODELS.contains(model.name())) {
        voice.model(model.name(), model.sha256());
      }
    }
    FeatureKey words =
        speech == null
            ? null
            : FeatureKey.of(FeatureKind.WORDS, contentHash)
                .setting("language", SpeechModels.normalise(speech.language()))
                .setting("sampleRate", SileroVad.SAMPLE_RATE)
                .model(speech.name(), speech.sha256())
                .build();
    return new Keys(stream, face.build(), voice.build(), words);
  }

  /**
   * Looks up every entry of a media analysis; the media is hashed only when the cache is on. A file
   * that cannot be read for hashing is looked up as uncached (decoding then reports it).
   */
  static CachedMedia lookUp(
      FeatureCache cache,
      Path media,
      Analyzers analyzers,
      AnalysisOptions options,
      ComputePath path,
      SpeedLevers levers,
      SpeechRecognizer recognizer,
      boolean hasVideo,
      boolean hasAudio) {
    String contentHash = null;
    if (cache.enabled()) {
      try {
        contentHash = ContentHash.of(media);
      } catch (IOException e) {
        contentHash = null;
      }
    }
    return new CachedMedia(
        cache, contentHash, analyzers, options, path, levers, recognizer, hasVideo, hasAudio);
  }

  /** Whether everything the media stage makes is cached, so that the media need not be decoded. */
  boolean complete() {
    return stream.isPresent()
        && (!needsFaces || faces.isPresent())
        && (!needsVoice || voice.isPresent())
        && (wordsKey == null || words.isPresent());
  }

  Optional<StreamFacts> stream() {
    return stream;
  }

  Optional<List<FaceFrame>> faces() {
    return faces;
  }

  Optional<VoiceFeatures> voice() {
    return voice;
  }

  Optional<List<RecognizedWord>> words() {
    return words;
  }

  /** Whether the stage's outputs should be recorded as they are computed, to be stored. */
  boolean recording() {
    return streamKey != null;
  }

  /** Stores what the media stage computed that was not cached. */
  void store(
      StreamFacts facts,
      List<FaceFrame> computedFaces,
      VoiceFeatures computedVoice,
      List<RecognizedWord> computedWords) {
    if (streamKey == null) {
      return;
    }
    cache.putStream(streamKey, facts);
    if (needsFaces && faces.isEmpty() && computedFaces != null) {
      cache.putFaces(faceKey, computedFaces);
    }
    if (needsVoice && voice.isEmpty() && computedVoice != null) {
      cache.putVoice(voiceKey, computedVoice);
    }
    if (wordsKey != null && words.isEmpty() && computedWords != null) {
      cache.putWords(wordsKey, computedWords);
    }
  }

  /**
   * The key of the speaker turns of these words, or empty when the cache is off, no words were
   * recognised or the speaker model has no manifest to identify it by.
   */
  Optional<FeatureKey> speakersKey(Path speakerModel, int speakers) {
    if (wordsKey == null || !Files.isRegularFile(speakerModel.resolve(SPEAKER_MANIFEST))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          FeatureKey.of(FeatureKind.SPEAKERS, wordsKey.contentHash())
              .setting("words", wordsKey.digest())
              .setting("speakers", String.valueOf(speakers))
              .model("speaker-manifest", ContentHash.of(speakerModel.resolve(SPEAKER_MANIFEST)))
              .build());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The cached speaker turns of {@code utterances}, when they match them one for one. */
  Optional<SpeakerPass.Turns> turns(FeatureKey key, List<Utterance> utterances) {
    Optional<SpeakerLabels> labels = cache.speakers(key);
    if (labels.isEmpty() || labels.get().speakerOfUtterance().size() != utterances.size()) {
      return Optional.empty();
    }
    List<Utterance> told = new ArrayList<>(utterances.size());
    for (int i = 0; i < utterances.size(); i++) {
      Utterance u = utterances.get(i);
      told.add(
          new Utterance(
              u.startSeconds(),
              u.endSeconds(),
              u.text(),
              u.affect(),
              labels.get().speakerOfUtterance().get(i),
              u.source(),
              u.confidence(),
              u.words(),
              u.originalText()));
    }
    List<Speaker> speakers = new ArrayList<>();
    for (SpeakerLabels.Entry s : labels.get().speakers()) {
      speakers.add(new Speaker(s.id(), SpeakerRole.of(s.role()), s.channel(), s.faceTrack()));
    }
    return Optional.of(new SpeakerPass.Turns(told, speakers));
  }

  void storeTurns(FeatureKey key, SpeakerPass.Turns turns) {
    List<String> ids = new ArrayList<>();
    for (Utterance u : turns.utterances()) {
      if (u.speaker() == null) {
        return;
      }
      ids.add(u.speaker());
    }
    List<SpeakerLabels.Entry> speakers = new ArrayList<>();
    for (Speaker s : turns.speakers()) {
      speakers.add(new SpeakerLabels.Entry(s.id(), s.role().id(), s.channel(), s.faceTrack()));
    }
    cache.putSpeakers(key, new SpeakerLabels(ids, speakers));
  }
}
