package org.sentio.reports;

import java.util.List;
import java.util.Objects;

/**
 * A block of content that another part of Sentio adds to a report, rendered the same way in PDF and
 * HTML after the summary: a heading, paragraphs and an optional table whose first row is the
 * header. This is the extension point for the clinical triage card (which arrives with the clinical
 * issue): its producer turns the card into a section, already in the report's language, and passes
 * it through {@link ReportOptions#sections()}. Reports draw nothing clinical of their own beyond
 * the decision-support disclaimer.
 *
 * @param heading the section's title
 * @param paragraphs text paragraphs, in order
 * @param table rows of cells, the first row being the header; empty for no table
 */
public record ReportSection(String heading, List<String> paragraphs, List<List<String>> table) {
  public ReportSection {
    Objects.requireNonNull(heading, "heading");
    paragraphs = List.copyOf(paragraphs);
    table = table.stream().map(List::copyOf).toList();
    if (!table.isEmpty()) {
      int columns = table.get(0).size();
      for (List<String> row : table) {
        if (row.size() != columns) {
          throw new IllegalArgumentException(
              "every row of section '" + heading + "' needs " + columns + " cells");
        }
      }
    }
  }
}
