/**
 * De-identification of a session for sharing (training, audits, bug reports): personal data
 * redacted in transcripts (English and Chinese), faces blurred or replaced by their landmarks in
 * video, the voice pitch- and formant-shifted or left out, and a manifest of what was removed.
 */
package org.sentio.affect.deidentify;
