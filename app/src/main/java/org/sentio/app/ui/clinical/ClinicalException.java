package org.sentio.app.ui.clinical;

/** Bad input on the clinical page; the message, in the UI's language, says what and what to do. */
final class ClinicalException extends Exception {
  ClinicalException(String message, Throwable cause) {
    super(message, cause);
  }
}
