package org.sentio.affect.convert;

/** A TF.js graph model could not be read or translated; the message names the node and op. */
public class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConversionException(String message) {
    super(message);
  }

  public ConversionException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message for a node whose op has no translation. */
  static ConversionException unsupportedOp(String op, String node) {
    return new ConversionException(
        "unsupported TF.js op '"
            + op
            + "' in node '"
            + node
            + "': add a translation to TfjsToOnnxConverter or convert the model another way");
  }
}
