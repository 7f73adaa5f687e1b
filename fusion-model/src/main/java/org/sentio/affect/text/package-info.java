/**
 * Text affect: a lexicon-and-rules reader of English and Chinese utterances (language detection,
 * tokenisation, negation, intensifiers) that yields a {@link org.sentio.affect.AffectEstimate} for
 * {@link org.sentio.affect.Modality#TEXT}.
 */
package org.sentio.affect.text;
