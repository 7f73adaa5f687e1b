package org.sentio.runtime;

/** Where ONNX Runtime executes a model, in the order Sentio prefers them. */
public enum ExecutionProvider {
  CUDA("CUDA"),
  DIRECTML("DirectML"),
  CPU("CPU");

  private final String displayName;

  ExecutionProvider(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
