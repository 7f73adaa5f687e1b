/**
 * What the CLI and the desktop share about the store's audit log: writing it out as JSON lines or
 * CSV. Below the CLI and the desktop: it depends on neither, nor on JavaFX.
 */
package org.sentio.app.audit;
