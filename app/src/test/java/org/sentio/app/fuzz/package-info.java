/**
 * Coverage-guided fuzz tests (Jazzer) of every parser of outside input reachable from the app:
 * transcripts, labelled CSVs, model manifests, settings. Under {@code mvn test} they replay the
 * committed seeds and findings (regression mode, seconds); {@code JAZZER_FUZZ=1} fuzzes one target
 * for real (see docs/reliability.md).
 */
package org.sentio.app.fuzz;
