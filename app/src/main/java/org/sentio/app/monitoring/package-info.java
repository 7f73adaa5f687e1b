/**
 * Monitoring: Micrometer meters for analyses, workflow steps and runs, queue lengths and errors
 * (and, bound by their owners, cache hit rates); alerts when a threshold is crossed; and the
 * optional Prometheus endpoint on the loopback interface, off unless the user turns it on.
 */
package org.sentio.app.monitoring;
