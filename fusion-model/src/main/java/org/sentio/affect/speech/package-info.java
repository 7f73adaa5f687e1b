/**
 * Offline speech recognition (Vosk/Kaldi through JNA): the installed speech models per language,
 * checked against their manifests, the recogniser that turns 16 kHz mono samples into timed words
 * with confidences, the grouping of words into utterances, and installing a user's Vosk model.
 */
package org.sentio.affect.speech;
