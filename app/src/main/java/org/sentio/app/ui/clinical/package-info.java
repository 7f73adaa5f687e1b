/**
 * Clinical mode: the CT viewer (slices, window presets, window/level drag, zoom and pan, HU under
 * the cursor, metadata with identity masked), the intake (complaint typed or from a voice note's
 * transcript, the patient's voice note recorded or imported, the webcam's face reading,
 * range-checked vitals), the triage card with each reason's source, and the exports (a
 * de-identified copy of the study, the card as PDF or HTML). Decision support — not a diagnosis.
 */
package org.sentio.app.ui.clinical;
