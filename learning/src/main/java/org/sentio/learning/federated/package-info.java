/**
 * Federated learning across sites: weight deltas quantised to 4 bits, the self-describing update
 * file ({@code .sfu}), sample-weighted FedAvg with its refusals, and the simulation over non-IID
 * sites.
 */
package org.sentio.learning.federated;
