/**
 * Training the voice and text affect models: feature rows, a small MLP (or linear) classifier with
 * 7-way emotion, valence and optional arousal heads trained with DJL on PyTorch, and its export to
 * an ONNX graph built from the trained weights.
 */
package org.sentio.affect.train;
