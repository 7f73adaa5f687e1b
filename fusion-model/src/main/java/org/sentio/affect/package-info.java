/** The affect domain: emotions, per-modality estimates, windows and fused estimates. */
package org.sentio.affect;
