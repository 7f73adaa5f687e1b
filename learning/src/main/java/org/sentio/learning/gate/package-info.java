/**
 * The A/B gate: a candidate model is compared with the model in use on the same held-out labelled
 * windows before it may replace it; adoption keeps the previous version and rollback restores it.
 */
package org.sentio.learning.gate;
