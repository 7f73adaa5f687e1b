/** Automations: workflows written in plain words, checked, scheduled and run as state machines. */
package org.sentio.automation;
