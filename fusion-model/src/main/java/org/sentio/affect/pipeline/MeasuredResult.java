package org.sentio.affect.pipeline;

/** An analysis with the time each stage took, for benchmarks. */
public record MeasuredResult(SessionResult result, StageTimes times) {}
