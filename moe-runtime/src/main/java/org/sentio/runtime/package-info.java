/** The ONNX Runtime host: one environment, execution-provider choice, model registry, sessions. */
package org.sentio.runtime;
