package org.sentio.reports;

import java.util.List;
import java.util.Objects;

/**
 * How a report is written.
 *
 * @param language the report's language
 * @param clinical the clinical variant: prints the "Decision support — not a diagnosis" disclaimer
 *     on the first page and in every page footer
 * @param sections blocks other parts of Sentio add after the summary (the clinical triage card goes
 *     here, see {@link ReportSection})
 */
public record ReportOptions(
    ReportLanguage language, boolean clinical, List<ReportSection> sections) {
  public static final ReportOptions DEFAULT =
      new ReportOptions(ReportLanguage.EN, false, List.of());

  public ReportOptions {
    Objects.requireNonNull(language, "language");
    sections = List.copyOf(sections);
  }

  public ReportOptions withLanguage(ReportLanguage language) {
    return new ReportOptions(language, clinical, sections);
  }

  public ReportOptions withClinical(boolean clinical) {
    return new ReportOptions(language, clinical, sections);
  }

  public ReportOptions withSections(List<ReportSection> sections) {
    return new ReportOptions(language, clinical, sections);
  }
}
