/**
 * The durable runner: runs of a workflow with each step's state in a store, retry with backoff,
 * rollback of a failed run's outputs, review steps that wait, and skills loaded as plug-ins.
 */
package org.sentio.automation.engine;
