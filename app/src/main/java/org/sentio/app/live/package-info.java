/**
 * Live capture: camera and microphone sources (and a virtual camera that plays a media file),
 * crash-safe recording to Matroska written as it goes, and analysis windows stored as they close.
 */
package org.sentio.app.live;
