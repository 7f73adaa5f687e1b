/**
 * The deterministic, offline parser that turns an English or Simplified Chinese sentence into a
 * workflow, reporting every word it did not understand.
 */
package org.sentio.automation.parse;
