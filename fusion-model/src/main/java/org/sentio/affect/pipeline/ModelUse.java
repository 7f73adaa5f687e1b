package org.sentio.affect.pipeline;

/** A model that took part in an analysis: what it was and where it ran. */
public record ModelUse(String name, String version, String sha256, String executionProvider) {}
