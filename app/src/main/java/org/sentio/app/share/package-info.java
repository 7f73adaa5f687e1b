/**
 * De-identified sharing of a stored session, as {@code sentio share} and the desktop's "Share
 * de-identified…" both do it. Below the CLI and the desktop: it depends on neither, nor on JavaFX.
 */
package org.sentio.app.share;
