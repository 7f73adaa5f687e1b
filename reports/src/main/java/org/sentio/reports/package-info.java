/**
 * Renders a finished session to files other people read: PDF and HTML reports (English and
 * Simplified Chinese, charts drawn with Java2D) and CSV, JSON, WebVTT and ELAN exports, through
 * {@link org.sentio.reports.Reports}.
 */
package org.sentio.reports;
