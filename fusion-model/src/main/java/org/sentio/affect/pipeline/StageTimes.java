package org.sentio.affect.pipeline;

/**
 * Where one analysis spent its time, per stage, in seconds of the thread that ran the stage. Face
 * stages run on their own thread, in parallel with decoding and the audio stages, so the stages add
 * up to more than the wall time when the branches overlap.
 *
 * @param wallSeconds the whole analysis, start to result
 * @param decodeSeconds FFmpeg: demuxing, decoding, audio resampling, BGR conversion of analysed
 *     frames
 * @param faceDetectionSeconds BlazeFace with its preprocessing, and the FaceMesh confirmation
 * @param expressionSeconds face alignment, quality and the expression model
 * @param vadSeconds silero voice-activity detection
 * @param voiceFeaturesSeconds prosody, voice features and the voice-affect model
 * @param textSeconds transcript reading and the text models
 * @param fusionSeconds fusing the windows
 * @param framesAnalysed video frames that went through the face models
 * @param speechRecognitionSeconds CPU seconds of speech recognition (Vosk) on its own thread, 0
 *     when it did not run; with the voice prints of its stretches when it made them (ADR 0052)
 * @param speakerPrintSeconds CPU seconds of the voice prints made alongside speech recognition on
 *     their own thread (ADR 0043), 0 when they were not made there
 * @param decodePasses how many times the media was decoded (1; 2 when the voice prints needed a
 *     second pass, as when the words came from the feature cache)
 */
public record StageTimes(
    double wallSeconds,
    double decodeSeconds,
    double faceDetectionSeconds,
    double expressionSeconds,
    double vadSeconds,
    double voiceFeaturesSeconds,
    double textSeconds,
    double fusionSeconds,
    long framesAnalysed,
    double speechRecognitionSeconds,
    double speakerPrintSeconds,
    int decodePasses) {}
