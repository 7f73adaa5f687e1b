package org.sentio.affect;

/** One expert the fusion model's gate chose for a window, with its renormalised gate weight. */
public record ExpertChoice(int expert, double weight) {}
