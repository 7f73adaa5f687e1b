/**
 * The workflow model (trigger, steps, transitions) and the checks a machine must pass to be saved.
 */
package org.sentio.automation.workflow;
