/**
 * The pluggable imaging model: an ONNX file the user installs with a manifest that states its input
 * (size, window, normalisation), its output, the threshold, the intended use and the validation
 * figures. Sentio checks the manifest against the model's real inputs and outputs before use and
 * refuses a mismatch; every finding carries the validation figures. Sentio ships no diagnostic
 * model. Example manifest: docs/imaging-model.md.
 */
package org.sentio.affect.imaging;
