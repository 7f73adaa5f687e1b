package org.sentio.app.cli;

import java.util.concurrent.Callable;
import org.sentio.app.store.StoreException;
import org.sentio.reports.Format;
import org.sentio.reports.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sentio export ID --format csv,json,vtt,eaf --out DIR}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export a stored session for other tools: per-window CSV, JSON (sentio-session/1), WebVTT"
            + " emotion subtitles, ELAN .eaf.")
public final class ExportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin SessionOutput session;

  @Option(
      names = "--format",
      paramLabel = "FORMATS",
      defaultValue = "csv,json,vtt,eaf",
      description = "Comma-separated: csv, json, vtt, eaf (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws UserError, StoreException {
    return ReportCommand.write(
        common,
        session.id,
        ReportCommand.formats(format, Format.exports()),
        session.out,
        ReportOptions.DEFAULT);
  }
}
