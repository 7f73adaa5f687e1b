package org.sentio.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One recording to analyse.
 *
 * @param path the media file (any Hadoop-compatible URI or local path)
 * @param transcript its transcript (.srt, .vtt, .txt), or {@code null}
 * @param title the session title
 * @param tags the session's tags, possibly empty
 */
public record ArchiveEntry(String path, String transcript, String title, List<String> tags)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ArchiveEntry {
    tags = List.copyOf(tags);
  }
}
