/**
 * Who spoke when: x-vector speaker embeddings (Kaldi through Vosk), their clustering into speakers
 * with roles, and the per-channel check of stereo calls.
 */
package org.sentio.affect.speech.speaker;
