package org.sentio.affect.imaging;

/** An imaging model cannot be used: its manifest is incomplete or does not match the ONNX file. */
public class ImagingModelException extends Exception {
  public ImagingModelException(String message) {
    super(message);
  }

  public ImagingModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
