package org.sentio.app.store;

import java.util.List;
import java.util.Set;
import org.sentio.affect.Modality;

/**
 * One row of the desktop library: the session's summary and what the library shows beside it.
 *
 * @param summary title, date, status, duration, media
 * @param mode "customer-service" or "clinical"
 * @param source "file" (imported) or "live" (recorded in Sentio)
 * @param recording true while a live recording is being written, or when it was cut off
 * @param modalities the modalities present in at least one window
 * @param tags the user's tags, sorted
 */
public record LibraryEntry(
    SessionSummary summary,
    String mode,
    String source,
    boolean recording,
    Set<Modality> modalities,
    List<String> tags) {

  public LibraryEntry {
    modalities = Set.copyOf(modalities);
    tags = List.copyOf(tags);
  }

  public long id() {
    return summary.id();
  }
}
