/** Differential privacy: the Rényi accountant of the subsampled Gaussian mechanism and DP-SGD. */
package org.sentio.learning.privacy;
