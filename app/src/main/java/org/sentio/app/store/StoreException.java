package org.sentio.app.store;

/** The store could not be opened, read or written; the message is one line naming the file. */
public class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
