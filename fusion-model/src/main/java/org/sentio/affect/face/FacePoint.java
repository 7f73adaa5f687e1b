package org.sentio.affect.face;

/** A point in source-image pixels. */
public record FacePoint(double x, double y) {}
