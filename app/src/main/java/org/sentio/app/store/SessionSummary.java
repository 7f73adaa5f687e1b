package org.sentio.app.store;

import java.time.Instant;

/**
 * One row of the session list.
 *
 * @param id the session's id
 * @param title its title
 * @param createdAt when it was analysed
 * @param status "done" or "failed"
 * @param durationSeconds analysed span
 * @param windows number of windows
 * @param mediaPath the analysed media file, or {@code null}
 * @param failure why it failed, or {@code null}
 */
public record SessionSummary(
    long id,
    String title,
    Instant createdAt,
    String status,
    double durationSeconds,
    int windows,
    String mediaPath,
    String failure) {}
