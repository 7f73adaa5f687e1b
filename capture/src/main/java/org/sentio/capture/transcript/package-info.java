/**
 * Transcripts in: SRT, WebVTT and plain-text readers, and the placement of untimed text over
 * speech.
 */
package org.sentio.capture.transcript;
