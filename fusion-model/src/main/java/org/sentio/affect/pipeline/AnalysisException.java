package org.sentio.affect.pipeline;

/**
 * An analysis that cannot run on the input the user gave. The message is one line naming the file
 * and the problem; {@link #isBadInput()} tells a problem with the input from an internal failure.
 */
public class AnalysisException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean badInput;

  public AnalysisException(String message, boolean badInput, Throwable cause) {
    super(message, cause);
    this.badInput = badInput;
  }

  public static AnalysisException badInput(String message, Throwable cause) {
    return new AnalysisException(message, true, cause);
  }

  public static AnalysisException internal(String message, Throwable cause) {
    return new AnalysisException(message, false, cause);
  }

  public boolean isBadInput() {
    return badInput;
  }
}
