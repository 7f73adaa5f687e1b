/**
 * Measuring a classifier on labeled data: confusion matrices with accuracy, macro-F1 and per-class
 * recall, and McNemar's paired test for comparing two models on the same items.
 */
package org.sentio.affect.evaluate;
