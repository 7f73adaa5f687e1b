package org.sentio.app.store;

import java.time.Instant;

/**
 * A label a person set on a span of a session: training data for the fusion model's trainer.
 *
 * @param id the annotation's id
 * @param sessionId the session it belongs to
 * @param startSeconds start of the span
 * @param endSeconds end of the span (after the start)
 * @param label the emotion label (an {@link org.sentio.affect.Emotion#label()})
 * @param author who set it
 * @param createdAt when it was set
 * @param note free text, or {@code null}
 */
public record Annotation(
    long id,
    long sessionId,
    double startSeconds,
    double endSeconds,
    String label,
    String author,
    Instant createdAt,
    String note) {}
