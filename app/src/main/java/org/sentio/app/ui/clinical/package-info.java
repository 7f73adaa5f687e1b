/**
 * Clinical mode: the CT viewer (slices, window presets, window/level drag, zoom and pan, HU under
 * the cursor, metadata with identity masked), the intake form (complaint and range-checked vitals)
 * and the triage card. Decision support — not a diagnosis.
 */
package org.sentio.app.ui.clinical;
