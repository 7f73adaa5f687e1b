/**
 * The face analyzer: BlazeFace detection, IoU tracking, eye-level alignment, mini-Xception
 * expression classification and a per-face quality score, over BGR video frames.
 */
package org.sentio.affect.face;
