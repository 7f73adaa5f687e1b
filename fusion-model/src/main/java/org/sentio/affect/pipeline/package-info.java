/**
 * The analysis pipeline: streams a media file through the analyzers, aligns their outputs into
 * windows, fuses them and returns a session result.
 */
package org.sentio.affect.pipeline;
