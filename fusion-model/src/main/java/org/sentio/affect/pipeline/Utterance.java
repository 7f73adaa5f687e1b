package org.sentio.affect.pipeline;

import org.sentio.affect.AffectEstimate;

/** One transcript segment, timed, with what the text analyzer read in it. */
public record Utterance(
    double startSeconds, double endSeconds, String text, AffectEstimate affect) {}
