/**
 * A small compiler from TensorFlow.js {@code graph-model} files (model.json + weight shards) to
 * ONNX, used at build time to produce the models shipped under {@code resources/models/}.
 */
package org.sentio.affect.convert;
