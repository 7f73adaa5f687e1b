package org.sentio.affect.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceVerifier;
import org.sentio.affect.fusion.ConfidenceWeightedFusion;
import org.sentio.affect.fusion.FusionMethod;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.speech.InstalledSpeechModel;
import org.sentio.affect.speech.SpeechModelException;
import org.sentio.affect.speech.SpeechModels;
import org.sentio.affect.speech.SpeechRecognizer;
import org.sentio.affect.speech.speaker.SpeakerEmbedder;
import org.sentio.affect.text.Language;
import org.sentio.affect.text.SentenceEncoder;
import org.sentio.affect.text.TextAffectModel;
import org.sentio.affect.text.TextAnalyzer;
import org.sentio.affect.vad.SileroVad;
import org.sentio.affect.voice.VoiceAnalyzer;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;

/**
 * The models of a process and the analyzers built on them. The voice-activity session is opened
 * once and shared; the face models are opened per stream with their own face tracks. Per-session
 * state (face tracks, voice baseline, VAD state) lives in the analyzers each analysis makes with
 * the {@code new…} methods.
 */
public final class Analyzers implements AutoCloseable {
  public static final String VOICE_ACTIVITY = "voice-activity";
  public static final String VOICE_AFFECT = "voice-affect";
  public static final String TEXT_AFFECT_EN = TextAffectModel.NGRAM_EN;
  public static final String TEXT_AFFECT_ZH = TextAffectModel.NGRAM_ZH;

  /** The encoder text models, read instead of the n-gram ones where installed. */
  public static final String TEXT_AFFECT_EN_ENCODER = TextAffectModel.ENCODER_EN;

  public static final String TEXT_AFFECT_ZH_ENCODER = TextAffectModel.ENCODER_ZH;
  private static final List<String> FACE_MODELS =
      List.of(BlazeFaceDetector.MODEL, FaceVerifier.MODEL, ExpressionClassifier.DEFAULT);

  private final OnnxHost host;
  private final ModelRegistry registry;
  private final ModelSession voiceActivity;
  private final List<ModelSession> affectSessions;
  private final ModelSession voiceAffect;
  private final List<TextAffectModel> textModels;
  private final TextAnalyzer text;
  private final FusionMethod fusion;
  private final List<ModelUse> modelsUsed;
  private final SpeechModels speechModels;
  private final Map<String, SpeechRecognizer> recognizers = new HashMap<>();

  private Analyzers(
      OnnxHost host,
      ModelRegistry registry,
      List<InstalledModel> faceModels,
      ModelSession voiceActivity,
      List<ModelSession> affectSessions,
      List<TextAffectModel> textModels,
      FusionMethod fusion,
      SpeechModels speechModels) {
    this.host = host;
    this.speechModels = speechModels;
    this.registry = registry;
    this.voiceActivity = voiceActivity;
    this.affectSessions = List.copyOf(affectSessions);
    this.voiceAffect = affectSessions.get(0);
    this.textModels = List.copyOf(textModels);
    this.text = new TextAnalyzer(textModels.get(0), textModels.get(1));
    this.fusion = fusion;
    String provider = voiceActivity.provider().displayName();
    List<ModelUse> uses = new ArrayList<>();
    List<InstalledModel> all = new ArrayList<>(faceModels);
    all.add(voiceActivity.model());
    affectSessions.forEach(session -> all.add(session.model()));
    textModels.forEach(model -> all.add(model.session().model()));
    if (fusion instanceof MoeFusion moe) {
      all.add(moe.session().model());
    }
    for (InstalledModel model : all) {
      String runtime =
          fusion instanceof MoeFusion moe
                  && moe.formulation() != null
                  && model.equals(moe.session().model())
              ? moe.formulation().describe()
              : null;
      uses.add(
          new ModelUse(
              model.name(),
              model.manifest().version(),
              model.manifest().sha256(),
              provider,
              runtime));
    }
    for (TextAffectModel model : textModels) {
      if (model.encoderKind() != null) {
        SentenceEncoder.Encoder encoder = model.encoderKind();
        uses.add(new ModelUse(encoder.id, encoder.artifact, encoder.onnxSha256, provider));
      }
    }
    this.modelsUsed = List.copyOf(uses);
  }

  /**
   * Opens every model the pipeline needs, each checked against its manifest.
   *
   * @throws ModelException naming the missing, altered or refused file
   */
  public static Analyzers load(ModelRegistry registry, OnnxHost host) throws ModelException {
    return load(registry, host, List.of());
  }

  /**
   * Opens every model the pipeline needs, as {@link #load(ModelRegistry, OnnxHost)} does; speech
   * models are looked up in the registry's folder, then in {@code userSpeechModelFolders} (where
   * {@code sentio models install} puts them). They load on first use.
   */
  public static Analyzers load(
      ModelRegistry registry, OnnxHost host, List<Path> userSpeechModelFolders)
      throws ModelException {
    List<Path> speechRoots = new ArrayList<>();
    speechRoots.add(registry.directory());
    speechRoots.addAll(userSpeechModelFolders);
    List<InstalledModel> faceModels = new ArrayList<>();
    for (String name : FACE_MODELS) {
      InstalledModel model = registry.find(name);
      registry.requireVerified(model);
      faceModels.add(model);
    }
    List<ModelSession> opened = new ArrayList<>();
    List<TextAffectModel> text = new ArrayList<>();
    FusionMethod fusion;
    try {
      for (String name : List.of(VOICE_ACTIVITY, VOICE_AFFECT)) {
        opened.add(host.open(registry, registry.find(name)));
      }
      text.add(TextAffectModel.open(host, registry, textModel(registry, Language.EN), Language.EN));
      text.add(TextAffectModel.open(host, registry, textModel(registry, Language.ZH), Language.ZH));
      fusion = fusion(registry, host);
    } catch (ModelException | RuntimeException e) {
      List<AutoCloseable> all = new ArrayList<>(opened);
      all.addAll(text);
      for (AutoCloseable owned : all) {
        try {
          owned.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return new Analyzers(
        host,
        registry,
        faceModels,
        opened.get(0),
        opened.subList(1, opened.size()),
        text,
        fusion,
        new SpeechModels(speechRoots));
  }

  /**
   * The text model a language is read with: the encoder model where installed, else the n-gram one
   * (docs/decisions/0010-sentence-encoders.md).
   */
  public static InstalledModel textModel(ModelRegistry registry, Language language)
      throws ModelException {
    return TextAffectModel.analysisModel(registry, language);
  }

  /**
   * The trained MoE fusion model when {@code fusion-moe} is installed (a corrupt or mismatched one
   * is refused with the reason), else {@link ConfidenceWeightedFusion#fallback()}.
   */
  static FusionMethod fusion(ModelRegistry registry, OnnxHost host) throws ModelException {
    boolean installed =
        registry.list().stream().anyMatch(model -> model.name().equals(MoeFusion.MODEL));
    return installed ? MoeFusion.open(host, registry) : ConfidenceWeightedFusion.fallback();
  }

  /** A face analyzer on freshly opened face models, with its own tracks, for one stream. */
  public FaceAnalyzer newFaceAnalyzer() throws ModelException {
    return FaceAnalyzer.open(host, registry);
  }

  /** A face analyzer as {@link #newFaceAnalyzer()} makes, preparing frames the given way. */
  public FaceAnalyzer newFaceAnalyzer(FaceAnalyzer.Preprocessing preprocessing)
      throws ModelException {
    return FaceAnalyzer.open(host, registry, preprocessing);
  }

  /** A voice-activity detector with fresh recurrent state, for one stream. */
  public SileroVad newVad() {
    return new SileroVad(voiceActivity);
  }

  /** A voice analyzer with a fresh speaker baseline, for one session. */
  public VoiceAnalyzer newVoiceAnalyzer() {
    return new VoiceAnalyzer(SileroVad.SAMPLE_RATE, voiceAffect);
  }

  public TextAnalyzer text() {
    return text;
  }

  public FusionMethod fusion() {
    return fusion;
  }

  public List<ModelUse> modelsUsed() {
    return modelsUsed;
  }

  public SpeechModels speechModels() {
    return speechModels;
  }

  /** The folder of the speaker model ({@link SpeakerEmbedder#MODEL}); it may be missing. */
  public Path speakerModelDirectory() {
    return registry.directory().resolve(SpeakerEmbedder.MODEL);
  }

  /**
   * The recogniser for {@code language}, loaded (and its files checked) on first use and kept until
   * {@link #close()}; empty when no speech model for that language is installed.
   *
   * @throws SpeechModelException when the installed model is altered or cannot load
   */
  public synchronized Optional<SpeechRecognizer> recognizer(String language)
      throws SpeechModelException {
    String key = SpeechModels.normalise(language);
    SpeechRecognizer loaded = recognizers.get(key);
    if (loaded != null) {
      return Optional.of(loaded);
    }
    Optional<InstalledSpeechModel> model = speechModels.forLanguage(key);
    if (model.isEmpty()) {
      return Optional.empty();
    }
    SpeechRecognizer opened = SpeechRecognizer.open(model.get(), registry.restoreHint());
    recognizers.put(key, opened);
    return Optional.of(opened);
  }

  @Override
  public void close() throws ModelException {
    synchronized (this) {
      recognizers.values().forEach(SpeechRecognizer::close);
      recognizers.clear();
    }
    ModelException failure = null;
    for (ModelSession session : affectSessions) {
      try {
        session.close();
      } catch (ModelException e) {
        failure = failure == null ? e : failure;
      }
    }
    for (TextAffectModel model : textModels) {
      try {
        model.close();
      } catch (ModelException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (fusion instanceof MoeFusion moe) {
      try {
        moe.close();
      } catch (ModelException e) {
        failure = failure == null ? e : failure;
      }
    }
    voiceActivity.close();
    if (failure != null) {
      throw failure;
    }
  }
}
