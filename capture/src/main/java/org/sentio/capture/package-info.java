/**
 * Media in: file sources emitting timestamped video frames and audio blocks, probing, transcripts.
 */
package org.sentio.capture;
