/**
 * The feature cache: what the perception models computed for a media file (per-frame faces,
 * per-window voice, recognised words, speaker turns), kept in memory and on disk under a key made
 * of the media's content hash, the settings that shaped it and the sha256 of each model that fed it
 * (docs/decisions/0024-feature-cache.md). Depends on the affect domain and the analyzers' value
 * types only; the pipeline depends on it, never the other way.
 */
package org.sentio.affect.cache;
