package org.sentio.affect.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Embedding;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.cache.FaceFrame;
import org.sentio.affect.cache.FeatureCache;
import org.sentio.affect.cache.StreamFacts;
import org.sentio.affect.cache.VoiceFeatures;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.facelink.FaceSpeakerLinker;
import org.sentio.affect.facelink.MouthTracks;
import org.sentio.affect.fusion.FusionException;
import org.sentio.affect.fusion.FusionOutcome;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.SpeechModelException;
import org.sentio.affect.speech.SpeechRecognizer;
import org.sentio.affect.speech.StretchPrint;
import org.sentio.affect.speech.VoicePrintModel;
import org.sentio.affect.speech.WordGroups;
import org.sentio.affect.speech.speaker.SpeakerEmbedder;
import org.sentio.affect.speech.speaker.SpeakerTurns;
import org.sentio.affect.speech.speaker.StereoCheck;
import org.sentio.affect.speech.speaker.StereoLayout;
import org.sentio.affect.text.TextAnalyzer;
import org.sentio.affect.vad.SileroVad;
import org.sentio.affect.voice.VoiceAnalyzer;
import org.sentio.capture.TimeSpan;
import org.sentio.capture.media.AudioBlock;
import org.sentio.capture.media.CaptureOptions;
import org.sentio.capture.media.ChannelAudio;
import org.sentio.capture.media.MediaException;
import org.sentio.capture.media.MediaInfo;
import org.sentio.capture.media.MediaListener;
import org.sentio.capture.media.MediaProbe;
import org.sentio.capture.media.MediaSource;
import org.sentio.capture.media.StreamSummary;
import org.sentio.capture.media.VideoFrame;
import org.sentio.capture.transcript.Transcript;
import org.sentio.capture.transcript.TranscriptException;
import org.sentio.capture.transcript.TranscriptReader;
import org.sentio.capture.transcript.TranscriptSegment;
import org.sentio.runtime.ModelException;

/**
 * Analyses one session: streams the media once through face, voice-activity and voice analyzers,
 * accumulating per window as it goes (memory grows with the number of windows, not with the media),
 * then reads the transcript, aligns everything to the window grid and fuses it.
 */
public final class AnalysisPipeline {
  private static final double SPEECH_THRESHOLD = 0.5;
  private static final double MIN_VOICE_SECONDS = 0.25;
  private static final double SPAN_MERGE_GAP = 0.3;
  private static final double UNTIMED_TEXT_SECONDS_PER_UTTERANCE = 2.0;

  /**
   * Fewer analysed frames per video frame than this decode every picture even when asked not to.
   */
  private static final double MIN_FRAMES_PER_TICK_FOR_SKIPPING = 3;

  private final Analyzers analyzers;
  private final ComputePath path;
  private final SpeedLevers levers;
  private final FeatureCache cache;
  private final SpeakerPrints speakerPrints;

  public AnalysisPipeline(Analyzers analyzers) {
    this(analyzers, ComputePath.FAST);
  }

  /** A pipeline taking the given route; {@link ComputePath#PLAIN} is for checks and benchmarks. */
  public AnalysisPipeline(Analyzers analyzers, ComputePath path) {
    this(analyzers, path, SpeedLevers.NONE, FeatureCache.off());
  }

  /** A pipeline taking the given route with the given speed levers pulled. */
  public AnalysisPipeline(Analyzers analyzers, ComputePath path, SpeedLevers levers) {
    this(analyzers, path, levers, FeatureCache.off());
  }

  /**
   * A pipeline that reuses the face, voice, word and speaker features {@code cache} holds for the
   * same media, settings, speed levers and models, and stores those it computes (the caller owns
   * the cache).
   */
  public AnalysisPipeline(Analyzers analyzers, ComputePath path, FeatureCache cache) {
    this(analyzers, path, SpeedLevers.NONE, cache);
  }

  /** A pipeline with speed levers and a feature cache (the caller owns the cache). */
  public AnalysisPipeline(
      Analyzers analyzers, ComputePath path, SpeedLevers levers, FeatureCache cache) {
    this(analyzers, path, levers, cache, SpeakerPrints.FROM_RECOGNISER);
  }

  private AnalysisPipeline(
      Analyzers analyzers,
      ComputePath path,
      SpeedLevers levers,
      FeatureCache cache,
      SpeakerPrints speakerPrints) {
    this.analyzers = analyzers;
    this.path = path;
    this.levers = levers;
    this.cache = cache;
    this.speakerPrints = speakerPrints;
  }

  /** This pipeline with the voice prints of mono recordings taken from {@code source}. */
  public AnalysisPipeline withSpeakerPrints(SpeakerPrints source) {
    return new AnalysisPipeline(analyzers, path, levers, cache, source);
  }

  /**
   * Runs the analysis.
   *
   * @throws AnalysisException with a one-line message; {@link AnalysisException#isBadInput()} when
   *     the input is at fault
   */
  public SessionResult analyse(
      AnalysisRequest request, ProgressListener progress, BooleanSupplier cancelled)
      throws AnalysisException {
    return analyse(request, progress, cancelled, new StageClock());
  }

  /** Runs the analysis as {@link #analyse} does, timing each stage. */
  public MeasuredResult analyseMeasured(
      AnalysisRequest request, ProgressListener progress, BooleanSupplier cancelled)
      throws AnalysisException {
    StageClock clock = new StageClock();
    long start = System.nanoTime();
    SessionResult result = analyse(request, progress, cancelled, clock);
    return new MeasuredResult(result, clock.times((System.nanoTime() - start) / 1e9));
  }

  private SessionResult analyse(
      AnalysisRequest request,
      ProgressListener progress,
      BooleanSupplier cancelled,
      StageClock clock)
      throws AnalysisException {
    long textStart = System.nanoTime();
    Transcript transcript = readTranscript(request);
    clock.textNanos += System.nanoTime() - textStart;
    AnalysisOptions options = request.options();
    WindowGrid grid = new WindowGrid(options.windowSeconds(), options.hopSeconds());
    List<String> warnings = new ArrayList<>();

    MediaSummary media = null;
    MediaRun run = null;
    CachedMedia speakerCache = null;
    SpeechRecognizer recognizer = null;
    StereoCheck channels = null;
    double mediaSeconds = 0;
    double duration;
    if (request.media() != null) {
      MediaInfo info = probe(request.media());
      media = summarise(request.media(), info);
      mediaSeconds = info.durationSeconds();
      if (request.wantsSpeechRecognition() && info.hasAudio()) {
        recognizer = recognizerFor(request.language(), warnings);
      }
      if (recognizer != null && info.channels() == 2 && request.speakers() != 1) {
        channels = onePersonPerChannel(request, info, warnings, progress, cancelled);
      }
      boolean perChannel = channels != null;
      run = new MediaRun(grid, info.hasVideo(), info.hasAudio(), info.durationSeconds(), progress);
      CaptureOptions capture =
          new CaptureOptions(options.analysisFps(), SileroVad.SAMPLE_RATE)
              .withDecoderThreads(levers.decoderThreads())
              .withReferenceFramesOnly(
                  levers.referenceFramesOnly()
                      && info.frameRate()
                          >= MIN_FRAMES_PER_TICK_FOR_SKIPPING * options.analysisFps());
      // Per channel, the words come from each channel's own pass, not from the mix.
      SpeechRecognizer mixRecognizer = perChannel ? null : recognizer;
      CachedMedia cached =
          CachedMedia.lookUp(
              cache,
              request.media(),
              analyzers,
              options,
              path,
              levers,
              mixRecognizer,
              info.hasVideo(),
              info.hasAudio());
      StreamFacts facts;
      if (cached.complete()) {
        facts = run.replay(cached);
      } else {
        run.recording = cached.recording();
        StreamSummary summary =
            stream(request.media(), capture, run, cancelled, clock, mixRecognizer, cached);
        if (summary.cancelled() || cancelled.getAsBoolean()) {
          throw AnalysisException.internal("analysis cancelled", null);
        }
        run.replayReused(cached);
        facts = new StreamFacts(summary.decodedUntilSeconds(), summary.warning().orElse(null));
      }
      run.finish();
      if (!cached.complete()) {
        cached.store(facts, run.faceFrames, run.voiceFeatures(), run.words);
      }
      clock.vadNanos = run.vadNanos;
      clock.voiceNanos = run.voiceNanos;
      if (facts.warning() != null) {
        warnings.add(facts.warning());
      }
      duration =
          facts.warning() != null
              ? facts.decodedUntilSeconds()
              : Math.max(info.durationSeconds(), facts.decodedUntilSeconds());
      speakerCache = cached;
    } else {
      duration = textOnlyDuration(transcript);
    }

    List<TimeSpan> speech = run == null ? List.of() : run.speechSpans();
    Transcript timed =
        transcript == null
            ? null
            : transcript.timed() ? transcript : transcript.placedOver(speech, duration);
    if (timed != null && request.media() == null) {
      duration = Math.max(duration, lastEnd(timed));
    }
    progress.onProgress(duration, duration, "reading text");
    textStart = System.nanoTime();
    List<Utterance> utterances;
    TranscriptOrigin origin;
    List<ModelUse> models = new ArrayList<>(analyzers.modelsUsed());
    List<Speaker> speakers = List.of();
    Map<String, MediaRun> channelRuns = Map.of();
    if (channels != null) {
      long speechStart = System.nanoTime();
      ChannelTurns turns =
          analyseChannels(
              request.media(), channels, grid, mediaSeconds, recognizer, progress, cancelled);
      clock.speechNanos += turns.speechCpuNanos();
      textStart += System.nanoTime() - speechStart;
      utterances = turns.utterances();
      speakers = turns.speakers();
      channelRuns = turns.runs();
      for (Speaker s : speakers) {
        if (utterances.stream().noneMatch(u -> s.id().equals(u.speaker()))) {
          warnings.add(
              "the "
                  + channelName(s.channel())
                  + " channel ("
                  + s.id()
                  + ") held no recognisable words; that speaker has voice readings only");
        }
      }
      var model = recognizer.model().manifest();
      origin = TranscriptOrigin.asr(model.name(), model.version(), model.language());
      models.add(new ModelUse(model.name(), model.version(), model.sha256(), "CPU (Vosk)"));
    } else if (recognizer != null) {
      utterances = run.utterancesRead != null ? run.utterancesRead : analyseWords(run.words);
      if (!utterances.isEmpty()) {
        var speakersKey =
            speakerCache.speakersKey(analyzers.speakerModelDirectory(), request.speakers());
        Optional<SpeakerPass.Turns> cachedTurns =
            speakersKey.isPresent()
                ? speakerCache.turns(speakersKey.get(), utterances)
                : Optional.empty();
        int warningsBefore = warnings.size();
        SpeakerPass.Turns turns =
            cachedTurns.isPresent()
                ? cachedTurns.get()
                : SpeakerPass.tell(
                    request.media(),
                    utterances,
                    run.stretchPrints != null
                        ? SpeakerPass.Heard.fromStretches(run.stretchPrints, utterances)
                        : run.speakersHeard,
                    analyzers.speakerModelDirectory(),
                    recognizer.model().modelPath(),
                    request.speakers(),
                    warnings,
                    cancelled);
        if (cancelled.getAsBoolean()) {
          throw AnalysisException.internal("analysis cancelled", null);
        }
        clock.decodePasses += turns.decodedAgain() ? 1 : 0;
        if (cachedTurns.isEmpty() && speakersKey.isPresent() && warnings.size() == warningsBefore) {
          speakerCache.storeTurns(speakersKey.get(), turns);
        }
        utterances = turns.utterances();
        speakers = turns.speakers();
        if (!speakers.isEmpty()) {
          models.add(speakerModelUse());
        }
      }
      var model = recognizer.model().manifest();
      origin = TranscriptOrigin.asr(model.name(), model.version(), model.language());
      models.add(new ModelUse(model.name(), model.version(), model.sha256(), "CPU (Vosk)"));
    } else {
      utterances = analyseText(timed);
      origin = timed == null ? null : TranscriptOrigin.FILE;
    }
    clock.textNanos += System.nanoTime() - textStart;
    speakers = withFaces(speakers, utterances, run);

    int count = grid.count(duration);
    List<Map<Modality, AffectEstimate>> estimates = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      Map<Modality, AffectEstimate> window = new EnumMap<>(Modality.class);
      window.put(Modality.FACE, faceOf(run, k));
      window.put(Modality.VOICE, voiceOf(run, k));
      window.put(Modality.TEXT, textOf(utterances, grid.start(k), Math.min(grid.end(k), duration)));
      estimates.add(window);
    }
    progress.onProgress(duration, duration, "fusing");
    FusionOutcome fusion;
    long fusionStart = System.nanoTime();
    try {
      fusion = analyzers.fusion().fuseSession(estimates);
    } catch (FusionException e) {
      throw AnalysisException.internal(e.getMessage(), e);
    }
    clock.fusionNanos += System.nanoTime() - fusionStart;
    List<FusedEstimate> fused = fusion.fused();
    List<AffectWindow> windows = new ArrayList<>(count);
    List<List<TrackReading>> tracksByWindow = new ArrayList<>(count);
    List<TrackReading> tracks = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      windows.add(
          new AffectWindow(
              k, grid.start(k), Math.min(grid.end(k), duration), estimates.get(k), fused.get(k)));
      List<TrackReading> here =
          run != null && run.hasVideo ? run.accumulator(k).tracks(k) : List.of();
      tracksByWindow.add(here);
      tracks.addAll(here);
    }
    List<SpeakerReading> speakerReadings =
        readingsPerSpeaker(
            speakers, utterances, estimates, tracksByWindow, channelRuns, grid, duration);
    return SessionResult.builder(request.title(), Instant.now(), options)
        .media(media)
        .durationSeconds(duration)
        .windows(windows)
        .transcript(utterances)
        .models(models)
        .fusionMethod(analyzers.fusion().name())
        .warnings(warnings)
        .faceTracks(tracks)
        .expertLoad(fusion.telemetry())
        .speakers(speakers)
        .transcriptOrigin(origin)
        .speakerReadings(speakerReadings)
        .build();
  }

  /**
   * Checks whether a two-channel recording carries one person per channel (a pass that only
   * decodes); a silent channel is noted and the recording is then analysed as its mix.
   *
   * @return the check, which knows each channel's level over time, when each channel carries its
   *     own person (and at most two were asked for); else {@code null}
   */
  private static StereoCheck onePersonPerChannel(
      AnalysisRequest request,
      MediaInfo info,
      List<String> warnings,
      ProgressListener progress,
      BooleanSupplier cancelled)
      throws AnalysisException {
    StereoCheck check = new StereoCheck();
    long[] samples = new long[1];
    streamChannels(
        request.media(),
        block -> {
          check.accept(block[0], block[1]);
          samples[0] += block[0].length;
          progress.onProgress(
              samples[0] / (double) SileroVad.SAMPLE_RATE,
              info.durationSeconds(),
              "checking the channels");
        },
        cancelled);
    StereoLayout layout = check.layout();
    if (layout.kind() == StereoLayout.Kind.ONE_CHANNEL_SILENT) {
      warnings.add(
          "stereo recording: " + layout.describe() + " (speakers are told apart by their voices)");
    }
    return layout.kind() == StereoLayout.Kind.SEPARATE_SPEAKERS && request.speakers() <= 2
        ? check
        : null;
  }

  /** Streams both channels of {@code media}; throws when cancelled. */
  private static void streamChannels(
      Path media, ChannelAudio.ChannelListener listener, BooleanSupplier cancelled)
      throws AnalysisException {
    try {
      ChannelAudio.stream(
          media,
          SileroVad.SAMPLE_RATE,
          block -> {
            if (cancelled.getAsBoolean()) {
              throw new ChannelsCancelled();
            }
            listener.onChannels(block);
          });
    } catch (ChannelsCancelled e) {
      throw AnalysisException.internal("analysis cancelled", null);
    } catch (MediaException e) {
      throw AnalysisException.badInput(e.getMessage(), e);
    } catch (AnalyzerFailure e) {
      throw AnalysisException.internal(e.getCause().getMessage(), e.getCause());
    }
  }

  /** Ends a channel stream early when the analysis is cancelled. */
  private static final class ChannelsCancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The speakers of a call with one party per channel, each channel's utterances and its voice run.
   *
   * @param runs each speaker's channel analysis, by speaker id
   * @param speechCpuNanos the CPU time both recognisers took
   */
  private record ChannelTurns(
      List<Utterance> utterances,
      List<Speaker> speakers,
      Map<String, MediaRun> runs,
      long speechCpuNanos) {}

  /**
   * Analyses each channel of a two-party call as its own speaker: voice activity, voice and speech
   * recognition per channel, in one streaming pass with a recogniser per channel. The speaker who
   * talks first is {@code S1}, the agent. A recogniser also hears the other party's voice bleeding
   * into its channel; an utterance during which the other channel is louder is that crosstalk and
   * is dropped.
   */
  private ChannelTurns analyseChannels(
      Path media,
      StereoCheck levels,
      WindowGrid grid,
      double totalSeconds,
      SpeechRecognizer recognizer,
      ProgressListener progress,
      BooleanSupplier cancelled)
      throws AnalysisException {
    ProgressListener perChannel =
        (done, total, stage) -> progress.onProgress(done, total, "analysing each channel");
    MediaRun[] runs = {
      new MediaRun(grid, false, true, totalSeconds, perChannel),
      new MediaRun(grid, false, true, totalSeconds, perChannel)
    };
    long cpuNanos = 0;
    try (SpeechWorker left = new SpeechWorker(recognizer.newStream(SileroVad.SAMPLE_RATE));
        SpeechWorker right = new SpeechWorker(recognizer.newStream(SileroVad.SAMPLE_RATE))) {
      SpeechWorker[] workers = {left, right};
      for (int c = 0; c < 2; c++) {
        runs[c].start(null, analyzers.newVad(), analyzers.newVoiceAnalyzer(), workers[c]);
      }
      long[] position = new long[1];
      streamChannels(
          media,
          block -> {
            double t = position[0] / (double) SileroVad.SAMPLE_RATE;
            position[0] += block[0].length;
            for (int c = 0; c < 2; c++) {
              runs[c].onAudio(new AudioBlock(t, block[c]));
            }
          },
          cancelled);
      for (int c = 0; c < 2; c++) {
        runs[c].finish();
        List<RecognizedWord> words = workers[c].finish(totalSeconds, progress, cancelled);
        if (words == null || cancelled.getAsBoolean()) {
          throw AnalysisException.internal("analysis cancelled", null);
        }
        runs[c].words = words;
        cpuNanos += workers[c].cpuNanos();
      }
    } catch (SpeechModelException e) {
      throw AnalysisException.internal(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AnalysisException.internal("analysis interrupted", e);
    }
    List<List<Utterance>> said = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      int channel = c;
      said.add(
          analyseWords(runs[c].words).stream()
              .filter(u -> levels.louderChannel(u.startSeconds(), u.endSeconds()) == channel)
              .toList());
    }
    int first =
        said.get(1).isEmpty()
                || (!said.get(0).isEmpty()
                    && said.get(0).get(0).startSeconds() <= said.get(1).get(0).startSeconds())
            ? 0
            : 1;
    List<Speaker> speakers = new ArrayList<>();
    Map<String, MediaRun> byId = new java.util.LinkedHashMap<>();
    List<Utterance> utterances = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      int channel = n == 0 ? first : 1 - first;
      String id = SpeakerPass.idOf(n);
      speakers.add(
          new Speaker(id, n == 0 ? SpeakerRole.AGENT : SpeakerRole.CUSTOMER, channel, null));
      byId.put(id, runs[channel]);
      for (Utterance u : said.get(channel)) {
        utterances.add(u.spokenBy(id));
      }
    }
    utterances.sort(java.util.Comparator.comparingDouble(Utterance::startSeconds));
    return new ChannelTurns(utterances, speakers, byId, cpuNanos);
  }

  private static String channelName(Integer channel) {
    return channel != null && channel == 0 ? "left" : "right";
  }

  /** The speaker model as a model the session used. */
  private ModelUse speakerModelUse() {
    try {
      SpeakerEmbedder.Identity model = SpeakerEmbedder.identity(analyzers.speakerModelDirectory());
      return new ModelUse(model.name(), model.version(), model.sha256(), "CPU (Vosk)");
    } catch (ModelException e) {
      return new ModelUse(SpeakerEmbedder.MODEL, "", "", "CPU (Vosk)");
    }
  }

  /**
   * The speakers with the face track whose mouth moves while they talk, or the reason none is
   * linked: there is no video, no face was tracked, or the mouths' movement does not tell ({@link
   * FaceSpeakerLinker}).
   */
  private static List<Speaker> withFaces(
      List<Speaker> speakers, List<Utterance> utterances, MediaRun run) {
    if (speakers.isEmpty()) {
      return speakers;
    }
    if (run == null || !run.hasVideo) {
      return speakers.stream()
          .map(s -> s.withoutFace("no video: the recording has no faces to link"))
          .toList();
    }
    if (!run.anyTrack()) {
      return speakers.stream().map(s -> s.withoutFace("no face was tracked in the video")).toList();
    }
    Map<String, List<double[]>> speech = new LinkedHashMap<>();
    for (Speaker s : speakers) {
      speech.put(
          s.id(),
          utterances.stream()
              .filter(u -> s.id().equals(u.speaker()))
              .map(u -> new double[] {u.startSeconds(), u.endSeconds()})
              .toList());
    }
    Map<String, FaceSpeakerLinker.Link> links = FaceSpeakerLinker.link(run.mouths, speech);
    return speakers.stream()
        .map(s -> s.withFace(links.get(s.id()).track(), links.get(s.id()).note()))
        .toList();
  }

  /**
   * Each speaker's face, voice, text and fused reading per window. A speaker's voice comes from
   * their own channel in a call with one party per channel; in a mono recording it is the window's
   * voice when they alone speak in it (the voice of a window two people share cannot be split).
   * Their face is that of the face track linked to them, where one is.
   */
  private List<SpeakerReading> readingsPerSpeaker(
      List<Speaker> speakers,
      List<Utterance> utterances,
      List<Map<Modality, AffectEstimate>> estimates,
      List<List<TrackReading>> tracksByWindow,
      Map<String, MediaRun> channelRuns,
      WindowGrid grid,
      double duration)
      throws AnalysisException {
    if (speakers.isEmpty()) {
      return List.of();
    }
    int count = estimates.size();
    List<List<SpeakerReading>> bySpeaker = new ArrayList<>();
    for (Speaker speaker : speakers) {
      List<Utterance> own =
          utterances.stream().filter(u -> speaker.id().equals(u.speaker())).toList();
      MediaRun channel = channelRuns.get(speaker.id());
      List<Map<Modality, AffectEstimate>> theirs = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        double start = grid.start(k);
        double end = Math.min(grid.end(k), duration);
        Map<Modality, AffectEstimate> window = new EnumMap<>(Modality.class);
        window.put(Modality.FACE, SpeakerReading.faceOf(speaker, tracksByWindow.get(k)));
        window.put(
            Modality.VOICE,
            channel != null
                ? voiceOf(channel, k)
                : voiceOfSoleSpeaker(speaker.id(), utterances, estimates.get(k), start, end));
        window.put(Modality.TEXT, textOf(own, start, end));
        theirs.add(window);
      }
      List<FusedEstimate> fused;
      try {
        fused = analyzers.fusion().fuseSession(theirs).fused();
      } catch (FusionException e) {
        throw AnalysisException.internal(e.getMessage(), e);
      }
      List<SpeakerReading> readings = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        readings.add(
            new SpeakerReading(
                speaker.id(),
                k,
                theirs.get(k).get(Modality.VOICE),
                theirs.get(k).get(Modality.TEXT),
                fused.get(k),
                theirs.get(k).get(Modality.FACE)));
      }
      bySpeaker.add(readings);
    }
    List<SpeakerReading> byWindow = new ArrayList<>(count * speakers.size());
    for (int k = 0; k < count; k++) {
      for (List<SpeakerReading> readings : bySpeaker) {
        byWindow.add(readings.get(k));
      }
    }
    return byWindow;
  }

  /** A mono window's voice as {@code speaker}'s when no one else speaks in the window. */
  private static AffectEstimate voiceOfSoleSpeaker(
      String speaker,
      List<Utterance> utterances,
      Map<Modality, AffectEstimate> window,
      double start,
      double end) {
    boolean theyTalk = false;
    boolean othersTalk = false;
    for (Utterance u : utterances) {
      if (Math.min(end, u.endSeconds()) > Math.max(start, u.startSeconds())) {
        if (speaker.equals(u.speaker())) {
          theyTalk = true;
        } else {
          othersTalk = true;
        }
      }
    }
    if (!theyTalk) {
      return AffectEstimate.absent(
          Modality.VOICE, AbsenceReason.NO_SPEECH, AbsenceDetail.SPEAKER_SILENT.text());
    }
    if (othersTalk) {
      return AffectEstimate.absent(
          Modality.VOICE, AbsenceReason.NO_SPEECH, AbsenceDetail.VOICES_MIXED.text());
    }
    return window.get(Modality.VOICE);
  }

  /**
   * The recogniser for the session's language, or {@code null} with a warning saying why words will
   * not be recognised.
   */
  private SpeechRecognizer recognizerFor(String language, List<String> warnings)
      throws AnalysisException {
    try {
      var recognizer = analyzers.recognizer(language);
      if (recognizer.isEmpty()) {
        warnings.add(
            "no speech recognition model for language '"
                + language
                + "' is installed, so no words were recognised; install a Vosk model with"
                + " 'sentio models install DIR --lang "
                + language
                + "' or give a transcript");
        return null;
      }
      return recognizer.get();
    } catch (SpeechModelException e) {
      throw AnalysisException.internal(e.getMessage(), e);
    }
  }

  /** Recognised words grouped into utterances, each read by the text analyzer. */
  private List<Utterance> analyseWords(List<RecognizedWord> words) {
    List<Utterance> utterances = new ArrayList<>();
    for (List<RecognizedWord> group : WordGroups.split(words)) {
      utterances.add(utteranceOf(group));
    }
    return utterances;
  }

  /** One group of recognised words as an utterance, its text read by the text analyzer. */
  private Utterance utteranceOf(List<RecognizedWord> group) {
    StringBuilder sentence = new StringBuilder();
    double confidence = 0;
    for (RecognizedWord word : group) {
      sentence.append(sentence.length() == 0 ? "" : " ").append(word.text());
      confidence += word.confidence();
    }
    String said = sentence.toString();
    return new Utterance(
        group.get(0).startSeconds(),
        group.get(group.size() - 1).endSeconds(),
        said,
        analyzers.text().analyze(said),
        null,
        TranscriptSource.ASR,
        confidence / group.size(),
        group,
        null);
  }

  private static Transcript readTranscript(AnalysisRequest request) throws AnalysisException {
    if (request.transcriptFile() != null) {
      try {
        return TranscriptReader.read(request.transcriptFile());
      } catch (TranscriptException e) {
        throw AnalysisException.badInput(e.getMessage(), e);
      }
    }
    if (request.text() != null && !request.text().isBlank()) {
      return Transcript.ofText(request.text());
    }
    return null;
  }

  private static MediaInfo probe(Path file) throws AnalysisException {
    try {
      return MediaProbe.probe(file);
    } catch (MediaException e) {
      throw AnalysisException.badInput(e.getMessage(), e);
    }
  }

  private static MediaSummary summarise(Path file, MediaInfo info) {
    return new MediaSummary(
        file.toString(),
        info.formatName(),
        info.durationSeconds(),
        info.hasVideo() ? info.videoCodec() : null,
        info.hasVideo() ? info.width() : 0,
        info.hasVideo() ? info.height() : 0,
        info.hasVideo() ? info.frameRate() : 0,
        info.hasAudio() ? info.audioCodec() : null,
        info.hasAudio() ? info.sampleRate() : 0);
  }

  private StreamSummary stream(
      Path file,
      CaptureOptions capture,
      MediaRun run,
      BooleanSupplier cancelled,
      StageClock clock,
      SpeechRecognizer recognizer,
      CachedMedia cached)
      throws AnalysisException {
    FaceAnalyzer.Preprocessing preprocessing =
        path == ComputePath.PLAIN
            ? FaceAnalyzer.Preprocessing.FULL_FRAME_FLOAT
            : FaceAnalyzer.Preprocessing.FROM_BYTES;
    try (MediaSource source = MediaSource.open(file, capture);
        FaceAnalyzer face =
            analyzers.newFaceAnalyzer(preprocessing).detectEvery(levers.faceDetectionInterval());
        FaceWorker worker = cached.faces().isPresent() ? null : new FaceWorker(face, run::onFaces);
        // The voice prints for telling speakers apart come from this same pass: from the
        // transcript's recogniser (ADR 0052), or a second recogniser fed the same audio (ADR 0043).
        VoicePrintModel voicePrints =
            recognising(recognizer, cached) && speakerPrints == SpeakerPrints.FROM_RECOGNISER
                ? openVoicePrints(run)
                : null;
        SpeakerWorker speakers =
            recognising(recognizer, cached) && speakerPrints == SpeakerPrints.SECOND_RECOGNISER
                ? SpeakerWorker.start(
                    analyzers.speakerModelDirectory(), recognizer.model().modelPath())
                : null;
        // The text of each utterance is read as soon as the recogniser closes it (ADR 0056).
        UtteranceReader reader =
            recognising(recognizer, cached) ? new UtteranceReader(this::utteranceOf) : null;
        SpeechWorker speech =
            !recognising(recognizer, cached)
                ? null
                : speakers != null
                    ? new SpeechWorker(
                        recognizer.newStream(SileroVad.SAMPLE_RATE),
                        heard -> {
                          speakers.submitWords(heard);
                          reader.submitWords(heard);
                        })
                    : new SpeechWorker(
                        voicePrints == null
                            ? recognizer.newStream(SileroVad.SAMPLE_RATE)
                            : recognizer.newStream(SileroVad.SAMPLE_RATE, voicePrints),
                        reader::submitWords);
        // With recognition on its own thread, the voice branch gets one too (ADR 0056).
        AudioWorker voiceBranch = speech != null ? run.attachVoiceBranch() : null) {
      run.start(worker, analyzers.newVad(), analyzers.newVoiceAnalyzer(), speech);
      run.speakers = speakers;
      clock.decodePasses++;
      StreamSummary summary = source.stream(run, cancelled);
      if (worker != null) {
        worker.finish();
      }
      if (voiceBranch != null && !summary.cancelled()) {
        run.finishVoiceBranch();
      }
      if (speech != null && !summary.cancelled()) {
        run.words = speech.finish(run.totalSeconds, run.progress, cancelled);
        clock.speechNanos = speech.cpuNanos();
        if (run.words != null) {
          run.utterancesRead = reader.finish(run.words).orElse(null);
        }
        if (voicePrints != null) {
          run.stretchPrints = speech.stretchPrints();
        }
      }
      if (speakers != null && !summary.cancelled() && run.words != null) {
        run.speakersHeard = heard(speakers, cancelled);
        clock.speakerNanos = speakers.cpuNanos();
      }
      clock.decodeSeconds = summary.decodeSeconds();
      clock.face = face.timings();
      return summary;
    } catch (SpeechModelException e) {
      throw AnalysisException.internal(e.getMessage(), e);
    } catch (MediaException e) {
      throw AnalysisException.badInput(e.getMessage(), e);
    } catch (AnalyzerFailure e) {
      throw AnalysisException.internal(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AnalysisException.internal("analysis interrupted", e);
    } catch (Exception e) {
      throw AnalysisException.internal(e.getMessage(), e);
    }
  }

  /** Whether this pass recognises the words (they are not in the feature cache). */
  private static boolean recognising(SpeechRecognizer recognizer, CachedMedia cached) {
    return recognizer != null && cached.words().isEmpty();
  }

  /**
   * The speaker model for the transcript's recogniser to print stretches with, or {@code null}
   * (recognition goes on without prints) with the reason kept for the speaker pass's warning.
   */
  private VoicePrintModel openVoicePrints(MediaRun run) {
    try {
      return VoicePrintModel.open(
          analyzers.speakerModelDirectory(),
          "reinstall Sentio to restore " + SpeakerEmbedder.MODEL);
    } catch (ModelException e) {
      run.speakersHeard = new SpeakerPass.Heard(null, e.getMessage());
      return null;
    }
  }

  /** The voice prints the speaker worker made, or why it could not. */
  private static SpeakerPass.Heard heard(SpeakerWorker speakers, BooleanSupplier cancelled)
      throws InterruptedException {
    try {
      List<SpeakerTurns.VoicePrint> prints = speakers.finish(cancelled);
      return prints == null ? null : new SpeakerPass.Heard(prints, null);
    } catch (ModelException | RuntimeException e) {
      return new SpeakerPass.Heard(null, e.getMessage());
    }
  }

  private static double textOnlyDuration(Transcript transcript) {
    if (transcript.timed()) {
      return lastEnd(transcript);
    }
    return transcript.segments().size() * UNTIMED_TEXT_SECONDS_PER_UTTERANCE;
  }

  private static double lastEnd(Transcript transcript) {
    double end = 0;
    for (TranscriptSegment segment : transcript.segments()) {
      end = Math.max(end, segment.end());
    }
    return end;
  }

  private List<Utterance> analyseText(Transcript transcript) {
    if (transcript == null) {
      return List.of();
    }
    TextAnalyzer text = analyzers.text();
    List<Utterance> utterances = new ArrayList<>();
    for (TranscriptSegment segment : transcript.segments()) {
      utterances.add(
          new Utterance(
              segment.start(), segment.end(), segment.text(), text.analyze(segment.text())));
    }
    return utterances;
  }

  private static AffectEstimate faceOf(MediaRun run, int k) {
    if (run == null) {
      return AffectEstimate.absent(
          Modality.FACE, AbsenceReason.NO_FACE, AbsenceDetail.NO_VIDEO.text());
    }
    return run.accumulator(k).face(run.hasVideo);
  }

  private static AffectEstimate voiceOf(MediaRun run, int k) {
    if (run == null || !run.hasAudio) {
      return AffectEstimate.absent(
          Modality.VOICE, AbsenceReason.NO_SPEECH, AbsenceDetail.NO_AUDIO.text());
    }
    AffectEstimate voice = run.accumulator(k).voice();
    return voice != null
        ? voice
        : AffectEstimate.absent(
            Modality.VOICE, AbsenceReason.NO_SPEECH, AbsenceDetail.NO_AUDIO_IN_WINDOW.text());
  }

  /**
   * The text estimate of a window: the utterances overlapping it, weighted by overlap, each present
   * utterance contributing its categories and valence, and its embedding when it has one of the
   * same model as the window's first (a window of English and Chinese utterances averages the
   * embeddings of the first one's encoder only: the two encoders' spaces differ).
   */
  static AffectEstimate textOf(List<Utterance> utterances, double start, double end) {
    List<EmotionDistribution> distributions = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    double valence = 0;
    double valenceWeight = 0;
    double confidence = 0;
    double total = 0;
    List<Embedding> embeddings = new ArrayList<>();
    List<Double> embeddingWeights = new ArrayList<>();
    for (Utterance u : utterances) {
      double overlap = Math.min(end, u.endSeconds()) - Math.max(start, u.startSeconds());
      if (overlap <= 0 || !u.affect().isPresent()) {
        continue;
      }
      AffectEstimate a = u.affect();
      total += overlap;
      confidence += overlap * a.confidence();
      if (a.hasEmotions()) {
        distributions.add(a.emotions());
        weights.add(overlap);
      }
      if (a.hasValence()) {
        valence += overlap * a.valence();
        valenceWeight += overlap;
      }
      if (a.hasEmbedding()
          && (embeddings.isEmpty() || embeddings.get(0).model().equals(a.embedding().model()))) {
        embeddings.add(a.embedding());
        embeddingWeights.add(overlap);
      }
    }
    if (total == 0) {
      return AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null);
    }
    return AffectEstimate.present(
            Modality.TEXT,
            distributions.isEmpty()
                ? null
                : EmotionDistribution.weightedMean(
                    distributions, weights.stream().mapToDouble(Double::doubleValue).toArray()),
            valenceWeight > 0 ? valence / valenceWeight : Double.NaN,
            Double.NaN,
            Math.min(1, confidence / total))
        .withEmbedding(
            Embedding.weightedMean(
                embeddings, embeddingWeights.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  /** Stage times as one analysis collects them. */
  private static final class StageClock {
    private double decodeSeconds;
    private FaceAnalyzer.Timings face = new FaceAnalyzer.Timings(0, 0, 0);
    private long vadNanos;
    private long voiceNanos;
    private long textNanos;
    private long fusionNanos;
    private long speechNanos;
    private long speakerNanos;
    private int decodePasses;

    StageTimes times(double wallSeconds) {
      return new StageTimes(
          wallSeconds,
          decodeSeconds,
          face.detectionSeconds(),
          face.expressionSeconds(),
          vadNanos / 1e9,
          voiceNanos / 1e9,
          textNanos / 1e9,
          fusionNanos / 1e9,
          face.frames(),
          speechNanos / 1e9,
          speakerNanos / 1e9,
          decodePasses);
    }
  }

  /** Carries a checked analyzer failure out of a capture callback. */
  private static final class AnalyzerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnalyzerFailure(Exception cause) {
      super(cause);
    }
  }

  /** The streaming state of one media analysis. */
  private static final class MediaRun implements MediaListener {
    private final WindowGrid grid;
    private final boolean hasVideo;
    private final boolean hasAudio;
    private final double totalSeconds;
    private final ProgressListener progress;
    private final List<WindowAccumulator> accumulators = new ArrayList<>();
    private final List<TimeSpan> speechSpans = new ArrayList<>();
    private FaceWorker faces;
    private SileroVad vad;
    private VoiceAnalyzer voice;
    private SpeechWorker speech;
    private AudioWorker voiceBranch;
    private SpeakerWorker speakers;
    private SpeakerPass.Heard speakersHeard;
    private List<StretchPrint> stretchPrints;
    private List<RecognizedWord> words = List.of();
    private List<Utterance> utterancesRead;
    private float[] audio = new float[SileroVad.SAMPLE_RATE * 4];
    private long audioStartSample;
    private int audioLength;
    private long samplesReceived;
    private long samplesDecoded;
    private int nextVoiceWindow;
    private long vadFrames;
    private double speechStart = -1;
    private double speechEnd;
    private long vadNanos;
    private long voiceNanos;
    private boolean recording;
    private final List<FaceFrame> faceFrames = new ArrayList<>();
    private final MouthTracks mouths = new MouthTracks();
    private final List<Double> vadProbabilities = new ArrayList<>();
    private final List<AffectEstimate> voiceWindows = new ArrayList<>();

    MediaRun(
        WindowGrid grid,
        boolean hasVideo,
        boolean hasAudio,
        double totalSeconds,
        ProgressListener progress) {
      this.grid = grid;
      this.hasVideo = hasVideo;
      this.hasAudio = hasAudio;
      this.totalSeconds = totalSeconds;
      this.progress = progress;
    }

    void start(FaceWorker faces, SileroVad vad, VoiceAnalyzer voice, SpeechWorker speech) {
      this.faces = faces;
      this.vad = vad;
      this.voice = voice;
      this.speech = speech;
    }

    /** Called from the decoding thread and the face worker. */
    synchronized WindowAccumulator accumulator(int k) {
      while (accumulators.size() <= k) {
        accumulators.add(new WindowAccumulator());
      }
      return accumulators.get(k);
    }

    @Override
    public void onVideoFrame(VideoFrame frame) {
      try {
        if (faces != null) {
          faces.submit(frame);
        }
      } catch (Exception e) {
        throw new AnalyzerFailure(e);
      }
      progress.onProgress(frame.timestampSeconds(), totalSeconds, "analysing media");
    }

    /**
     * The faces of one frame, on the face worker's thread; the best-quality face is the subject.
     */
    void onFaces(double t, List<FaceObservation> found) {
      if (recording) {
        faceFrames.add(new FaceFrame(t, found));
      }
      found.forEach(f -> mouths.add(f.trackId(), t, f.mouthOpening()));
      FaceObservation subject = null;
      for (FaceObservation f : found) {
        if (subject == null || f.quality() > subject.quality()) {
          subject = f;
        }
      }
      for (int k = grid.firstContaining(t); k <= grid.lastContaining(t); k++) {
        accumulator(k).addFrame(subject, found);
      }
    }

    @Override
    public void onAudio(AudioBlock block) {
      try {
        if (speech != null) {
          if (speakers != null) {
            speakers.submitAudio(block.samples());
          }
          speech.submit(block.samples());
        }
        if (voiceBranch != null) {
          voiceBranch.submit(block.samples());
        } else {
          analyseAudio(block.samples());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AnalyzerFailure(e);
      }
      samplesDecoded += block.samples().length;
      if (!hasVideo) {
        progress.onProgress(
            (double) samplesDecoded / SileroVad.SAMPLE_RATE, totalSeconds, "analysing media");
      }
    }

    /**
     * The voice branch of one block: voice activity, then the voice of every window the block
     * completes; on the voice branch's own thread when one is attached, else on the caller's.
     */
    private void analyseAudio(float[] samples) {
      long vadStart = System.nanoTime();
      try {
        vad.accept(samples, this::onVadFrame);
      } catch (ModelException e) {
        throw new AnalyzerFailure(e);
      }
      vadNanos += System.nanoTime() - vadStart;
      append(samples);
      while (samplesReceived >= endSample(nextVoiceWindow)) {
        analyseVoiceWindow(nextVoiceWindow);
        nextVoiceWindow++;
      }
    }

    /**
     * Runs the voice branch on {@code worker}'s thread from now on; {@link #finishVoiceBranch}
     * waits for it.
     */
    AudioWorker attachVoiceBranch() {
      voiceBranch = new AudioWorker(this::analyseAudio);
      return voiceBranch;
    }

    /** Waits until the voice branch has analysed every block handed to it. */
    void finishVoiceBranch() throws InterruptedException {
      if (voiceBranch != null) {
        voiceBranch.finish();
        voiceBranch = null;
      }
    }

    private void onVadFrame(double probability) {
      if (recording) {
        vadProbabilities.add(probability);
      }
      double start = vadFrames * SileroVad.FRAME_SECONDS;
      vadFrames++;
      double centre = start + SileroVad.FRAME_SECONDS / 2;
      boolean speech = probability >= SPEECH_THRESHOLD;
      for (int k = grid.firstContaining(centre); k <= grid.lastContaining(centre); k++) {
        accumulator(k).addVadFrame(speech);
      }
      if (speech) {
        if (speechStart >= 0 && start - speechEnd > SPAN_MERGE_GAP) {
          speechSpans.add(new TimeSpan(speechStart, speechEnd));
          speechStart = -1;
        }
        if (speechStart < 0) {
          speechStart = start;
        }
        speechEnd = start + SileroVad.FRAME_SECONDS;
      }
    }

    private long startSample(int k) {
      return Math.round(grid.start(k) * SileroVad.SAMPLE_RATE);
    }

    private long endSample(int k) {
      return Math.round(grid.end(k) * SileroVad.SAMPLE_RATE);
    }

    private void append(float[] samples) {
      if (audioLength + samples.length > audio.length) {
        float[] bigger = new float[Math.max(audio.length * 2, audioLength + samples.length)];
        System.arraycopy(audio, 0, bigger, 0, audioLength);
        audio = bigger;
      }
      System.arraycopy(samples, 0, audio, audioLength, samples.length);
      audioLength += samples.length;
      samplesReceived += samples.length;
    }

    private void analyseVoiceWindow(int k) {
      int from = (int) (startSample(k) - audioStartSample);
      int to = (int) Math.min(endSample(k) - audioStartSample, audioLength);
      if (to - from >= MIN_VOICE_SECONDS * SileroVad.SAMPLE_RATE) {
        float[] samples = new float[to - from];
        System.arraycopy(audio, from, samples, 0, samples.length);
        long voiceStart = System.nanoTime();
        accumulator(k)
            .setVoice(voice.analyze(samples, startSample(k), accumulator(k).speechFraction()));
        voiceNanos += System.nanoTime() - voiceStart;
      }
      if (recording) {
        while (voiceWindows.size() <= k) {
          voiceWindows.add(null);
        }
        voiceWindows.set(k, accumulator(k).voice());
      }
      int drop = (int) (startSample(k + 1) - audioStartSample);
      if (drop > 0) {
        drop = Math.min(drop, audioLength);
        System.arraycopy(audio, drop, audio, 0, audioLength - drop);
        audioLength -= drop;
        audioStartSample += drop;
      }
    }

    /** Analyses the windows the audio ended inside of. */
    void finish() {
      while (hasAudio && startSample(nextVoiceWindow) < samplesReceived) {
        analyseVoiceWindow(nextVoiceWindow);
        nextVoiceWindow++;
      }
      if (speechStart >= 0) {
        speechSpans.add(new TimeSpan(speechStart, speechEnd));
        speechStart = -1;
      }
    }

    List<TimeSpan> speechSpans() {
      return speechSpans;
    }

    /** What the voice branch computed, as the cache keeps it. */
    VoiceFeatures voiceFeatures() {
      double[] vad = new double[vadProbabilities.size()];
      for (int i = 0; i < vad.length; i++) {
        vad[i] = vadProbabilities.get(i);
      }
      return new VoiceFeatures(vad, voiceWindows);
    }

    /**
     * Feeds the windows from the cache, in the order the analyzers would have: every cached frame's
     * faces, every voice-activity frame, each window's voice estimate and the words.
     */
    StreamFacts replay(CachedMedia cached) {
      replayReused(cached);
      if (hasAudio) {
        VoiceFeatures cachedVoice = cached.voice().orElseThrow();
        for (double probability : cachedVoice.vadProbabilities()) {
          onVadFrame(probability);
        }
        List<AffectEstimate> windows = cachedVoice.windows();
        for (int k = 0; k < windows.size(); k++) {
          if (windows.get(k) != null) {
            accumulator(k).setVoice(windows.get(k));
          }
        }
        nextVoiceWindow = windows.size();
      }
      return cached.stream().orElseThrow();
    }

    /** Feeds the cached faces and words that the decoding pass did not compute again. */
    void replayReused(CachedMedia cached) {
      Optional<List<FaceFrame>> cachedFaces = hasVideo ? cached.faces() : Optional.empty();
      cachedFaces.ifPresent(frames -> frames.forEach(f -> onFaces(f.seconds(), f.faces())));
      cached.words().ifPresent(found -> words = found);
    }

    /** Whether any face track was seen in any window. */
    synchronized boolean anyTrack() {
      for (int k = 0; k < accumulators.size(); k++) {
        if (!accumulators.get(k).tracks(k).isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }
}
