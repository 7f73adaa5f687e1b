/** Renders a finished session to files other people read: versioned JSON and per-window CSV. */
package org.sentio.reports;
