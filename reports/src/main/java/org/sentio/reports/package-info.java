/** Renders a finished session to files other people read: JSON and per-window CSV. */
package org.sentio.reports;
