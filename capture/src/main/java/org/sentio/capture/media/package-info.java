/**
 * Media files in through FFmpeg: probing, streaming decode to analysis-rate BGR frames and 16 kHz
 * mono audio.
 */
package org.sentio.capture.media;
