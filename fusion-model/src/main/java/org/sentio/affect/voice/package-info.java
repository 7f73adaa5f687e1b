/**
 * Voice prosody: features of a window of speech computed with TarsosDSP, and an analyzer that reads
 * arousal from them relative to the speaker's own baseline.
 *
 * <h2>Features ({@link org.sentio.affect.voice.ProsodyFeatures})</h2>
 *
 * <p>The window is cut into frames every 10 ms; each frame is the next power of two at or above
 * 1/30 s of samples (1024 at 16 kHz, enough for two periods of a 60 Hz voice).
 *
 * <ul>
 *   <li><b>Frame level</b>: RMS of the central 25 ms of the frame, in dBFS (full-scale sine at
 *       about -3 dBFS, digital silence at -120).
 *   <li><b>Energy speech fraction</b>: share of frames within 25 dB of the window's loud level
 *       (95th percentile of frame levels) and above -50 dBFS, and 0 for the whole window when its
 *       levels vary less than 6 dB between the 10th and 90th percentile (a stationary sound such as
 *       noise, hum or a held tone is not syllabic speech). A stand-in until a voice-activity
 *       detector is wired.
 *   <li><b>Voiced fraction</b>: share of frames where TarsosDSP's FFT-YIN finds a pitch between 60
 *       and 500 Hz with probability at least 0.85, in a frame above -50 dBFS.
 *   <li><b>F0 mean and standard deviation</b>: over voiced frames, in semitones re 100 Hz (so the
 *       mean is a geometric mean in Hz); values more than 10 semitones from the median are octave
 *       errors and dropped.
 *   <li><b>Loudness</b>: RMS level over the speech frames (over all frames when none is speech), in
 *       dBFS; <b>loudness spread</b>: standard deviation of the speech frames' levels in dB.
 *   <li><b>Speech rate</b>: syllable nuclei per second of window. A nucleus is a peak of the
 *       3-frame smoothed level envelope, in a speech frame, within 20 ms of a voiced frame, at
 *       least 3 dB above the lowest level since the previous nucleus and at least 100 ms after it
 *       (after de Jong and Wempe, 2009).
 *   <li><b>Spectral centroid</b>: magnitude-weighted mean frequency of a Hann-windowed FFT of each
 *       speech frame, averaged over speech frames, in Hz.
 * </ul>
 *
 * <h2>Arousal ({@link org.sentio.affect.voice.VoiceAnalyzer})</h2>
 *
 * <p>See that class: loudness, pitch level, pitch variability and speech rate relative to a
 * per-session running median with absolute priors, squashed into [-1, 1].
 */
package org.sentio.affect.voice;
